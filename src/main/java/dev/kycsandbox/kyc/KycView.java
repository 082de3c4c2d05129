package dev.kycsandbox.kyc;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.kycsandbox.customer.CustomerView;

/** The {@code data} every {@code /customer/kyc/*} endpoint answers with. */
@JsonPropertyOrder({ "customer", "kyc", "kycDocumentList", "kycAttributes" })
public record KycView(CustomerView customer, Kyc kyc, List<Slot> kycDocumentList, Map<String, Object> kycAttributes) {

    /** connectFi's deprecated flow runs on its "condor" KYC system. */
    static final String SYSTEM = "condor";

    @JsonPropertyOrder({ "attributeCodes", "system", "mode", "status" })
    public record Kyc(List<String> attributeCodes, String system, String mode, String status) {
    }

    @JsonPropertyOrder({ "id", "label", "type", "documentSide", "uploadStatus", "extension" })
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Slot(String id, String label, String type, String documentSide, boolean uploadStatus, String extension) {
    }

    public static KycView of(KycSession session) {
        List<Slot> slots = session.slots.stream()
                .map(s -> new Slot(s.id, s.label(), s.documentType, s.documentSide, s.hasFile(), s.fileType))
                .toList();
        // the session's own status, not the customer row's copy: a request that read the customer
        // before a decision committed (the scheduler's, an admin's) still answers consistently
        return new KycView(CustomerView.of(session.customer).withKycStatus(session.status.name()),
                new Kyc(session.missingAttributeCodes, SYSTEM, session.mode, session.status.name()),
                slots, session.attributes);
    }
}
