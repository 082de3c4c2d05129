package dev.kycsandbox.kyc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A KYC flow: which document slots a session opens and which attribute groups it requests. */
public enum KycMode {
    LICENSE_USA_CONDOR("licenseUSACondor",
            List.of(new SlotSpec("LICENSE", "FRONT"), new SlotSpec("LICENSE", "BACK")),
            List.of(CardAttributes.GROUP)),
    PASSPORT_CONDOR("passportCondor",
            List.of(new SlotSpec("PASSPORT", "FRONT")),
            List.of(CardAttributes.GROUP));

    /** The mode of a sandbox whose operator configured none ({@code sandbox.kyc.default-mode}). */
    public static final KycMode DEFAULT = LICENSE_USA_CONDOR;

    /**
     * Every wire name, as a pattern for request validation (annotations need a constant);
     * {@code KycModeTest} keeps it equal to the constants above.
     */
    public static final String WIRE_NAME_PATTERN = "^(licenseUSACondor|passportCondor)$";

    private final String wireName;
    private final List<SlotSpec> slots;
    private final List<String> attributeGroups;

    KycMode(String wireName, List<SlotSpec> slots, List<String> attributeGroups) {
        this.wireName = wireName;
        this.slots = slots;
        this.attributeGroups = attributeGroups;
    }

    public String wireName() {
        return wireName;
    }

    public List<SlotSpec> slots() {
        return slots;
    }

    public List<String> attributeGroups() {
        return attributeGroups;
    }

    public static Optional<KycMode> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /**
     * The mode a tenant's new sessions open in: the tenant's own choice ({@code tenant.kyc_mode},
     * a wire name) or, when it made none, the configured default.
     */
    public static KycMode forTenant(String tenantChoice, KycMode configuredDefault) {
        if (tenantChoice == null) {
            return configuredDefault;
        }
        return fromWireName(tenantChoice).orElseThrow(
                () -> new IllegalStateException("Tenant KYC mode '" + tenantChoice + "' is not one of " + wireNames()));
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(KycMode::wireName).toList();
    }

    /** One document slot: {@code LICENSE} + {@code FRONT} is labelled {@code LICENSE FRONT}. */
    public record SlotSpec(String type, String side) {
    }
}
