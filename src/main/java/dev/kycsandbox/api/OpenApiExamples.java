package dev.kycsandbox.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Realistic example values in the OpenAPI document, so that Swagger UI's "Try it out" starts from
 * a request the sandbox accepts and its answers look like the real ones: ids of the right prefix
 * and length, timestamps with milliseconds, a real error {@code context}, not {@code "string"}.
 * By property name, with the few names whose shape depends on their schema or path set apart.
 * Runs at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiExamples implements OASFilter {

    static final String CUSTOMER_ID = "cstap_giHWHPSUbFeG9TeFKb84yS";
    static final String SLOT_ID = "doc_LrY8OUgmSevVMzArGnUrEk";
    static final String SEPARATE_DOCUMENT_ID = "sdoc_bxmgntgChpU8AvzfAfUcIn";
    static final String AKEPA_DOCUMENT_ID = "doc_Vq3sR8nWzK1pYb6TgE0mLc";
    static final String REQUEST_ID = "68d7b79d6bd1ace221096efca19d4413";
    static final String TIMESTAMP = "2024-05-01T10:00:00.000Z";

    /** A customer the sandbox accepts; the last name picks the outcome (docs/api.md §6). */
    static final Map<String, Object> INDIVIDUAL = ordered("firstName", "Jessie", "lastName", "Testman",
            "dateOfBirth", "1990-04-01", "email", "jessie.testman@example.com",
            "identificationDocuments", List.of(ordered("type", "SSN", "value", "123456789")));

    /** Whole schemas, where Swagger UI cannot compose an example from properties. */
    private static final Map<String, Object> BY_SCHEMA = Map.of("CustomerDetails", INDIVIDUAL);

    private static final Map<String, Object> BY_PROPERTY = Map.ofEntries(
            Map.entry("requestId", REQUEST_ID),
            Map.entry("code", "0"),
            Map.entry("customerId", CUSTOMER_ID),
            Map.entry("documentId", SLOT_ID),
            Map.entry("separateDocumentId", SEPARATE_DOCUMENT_ID),
            Map.entry("sessionId", "kyc_84rFEZto0KrXT2e9vPIRsE"),
            Map.entry("userId", "usr_CfKvdTD2BIB2mBKAlbicaO"),
            Map.entry("token", "8j7qjWhACI4YuxnSR20kl9vzyxQueGdiP2owJWaL9gr"),
            Map.entry("webhookSecret", "Qm3xT7vLr2Zp9KcW4nY8bHd1sFa6Ej0gUo5iRtXyVwC"),
            Map.entry("dtsExpireAt", "2024-05-02T10:00:00.000Z"),
            Map.entry("dtsCreatedAt", TIMESTAMP),
            Map.entry("dtsAttemptedAt", TIMESTAMP),
            Map.entry("dtsNextAttemptAt", "2024-05-01T10:00:05.000Z"),
            Map.entry("dtsCompletedAt", "2024-05-01T10:00:05.214Z"),
            Map.entry("createdAt", TIMESTAMP),
            Map.entry("updatedAt", TIMESTAMP),
            Map.entry("decisionDueAt", "2024-05-01T10:00:01.000Z"),
            Map.entry("login", "sandbox"),
            Map.entry("password", "sandbox"),
            Map.entry("tenantId", "sandbox"),
            Map.entry("kycMode", "passportCondor"),
            Map.entry("effectiveKycMode", "licenseUSACondor"),
            Map.entry("mode", "licenseUSACondor"),
            Map.entry("system", "condor"),
            Map.entry("kycStatus", "IN_REVIEW"),
            Map.entry("attributeCodes", List.of("cardAttributes")),
            Map.entry("label", "LICENSE FRONT"),
            Map.entry("documentSide", "FRONT"),
            Map.entry("uploadStatus", true),
            Map.entry("extension", "png"),
            Map.entry("reference", "ref1"),
            Map.entry("customerReference", "ref1"),
            Map.entry("customerType", "individual"),
            Map.entry("customer", INDIVIDUAL),
            Map.entry("syncMode", false),
            Map.entry("webhookURL", "https://hooks.example.com/kyc"),
            Map.entry("url", "https://hooks.example.com/kyc"),
            Map.entry("firstName", "Jessie"),
            Map.entry("lastName", "Testman"),
            Map.entry("dateOfBirth", "1990-04-01"),
            Map.entry("email", "jessie.testman@example.com"),
            Map.entry("citizenshipCountryCodeA3", "USA"),
            Map.entry("incorporationCountryCodeA3", "USA"),
            Map.entry("issuanceCountryCodeA3", "USA"),
            Map.entry("incorporationDate", "2015-06-30"),
            Map.entry("legalName", "Acme Payments LLC"),
            Map.entry("value", "123456789"),
            Map.entry("productID", "Virtual_Debit_Card"),
            Map.entry("nameOnCard", "JESSIE TESTMAN"),
            Map.entry("designId", "1"),
            Map.entry("addressType", "PRIMARY"),
            Map.entry("issueType", "NEW"),
            Map.entry("deletedFiles", 2),
            Map.entry("slots", 2),
            Map.entry("slotsFilled", 2),
            Map.entry("attempt", 1),
            Map.entry("statusCode", 200),
            Map.entry("durationMs", 14),
            Map.entry("applicationId", "iapp_2m9VbQe7TqW1sXkLd4NfHa"),
            Map.entry("aggregatorId", "sandbox"),
            Map.entry("entityId", CUSTOMER_ID),
            Map.entry("isCustomer", true),
            Map.entry("workflow", "PERSONAL"),
            Map.entry("note_author_agent_email", "agent@example.com"),
            Map.entry("webhookUrl", "https://hooks.example.com/akepa"),
            Map.entry("applicationStatus", "completed"));

    /** Names whose example depends on the schema they are in: {@code Schema.property}. */
    private static final Map<String, Object> BY_SCHEMA_PROPERTY = Map.ofEntries(
            Map.entry("ErrorBody.code", "referenceExists"),
            Map.entry("ErrorBody.message", "Reference already exists."),
            Map.entry("ErrorBody.context", ordered("reference", "ref1", "entityId", CUSTOMER_ID)),
            Map.entry("Slot.id", SLOT_ID),
            Map.entry("Slot.type", "LICENSE"),
            Map.entry("SeparateDocumentView.id", SEPARATE_DOCUMENT_ID),
            Map.entry("WebhookView.id", "whk_gaKqLTgUMPmcJSEnxJG8VJ"),
            Map.entry("WebhookView.status", "DELIVERED"),
            Map.entry("Representative.id", "brep_Hz7Vea4rFCzPyI2sQlF5x0"),
            Map.entry("IdentificationDocument.type", "SSN"),
            Map.entry("DecisionRequest.status", "APPROVED"),
            Map.entry("Kyc.status", "IN_REVIEW"),
            Map.entry("KycSessionSummary.status", "IN_REVIEW"),
            Map.entry("CreateUserRequest.login", "ci1"),
            Map.entry("CreateUserRequest.password", "ci1-secret"),
            Map.entry("CreateTenantRequest.tenantId", "ci-job-1"),
            Map.entry("IdentificationRequest.reference", "journey1"),
            Map.entry("ApplicationView.reference", "journey1"),
            Map.entry("ApplicationView.status", "completed"),
            Map.entry("ApplicationView.outcome", "Approved"),
            Map.entry("EntityApplication.status", "completed"),
            Map.entry("EntityApplication.outcome", "approved"),
            Map.entry("GenerateRequest.name", "passport.jpg"),
            Map.entry("GenerateRequest.type", "passport"),
            Map.entry("GenerateRequest.extension", "jpg"),
            Map.entry("AkepaDocumentView.id", AKEPA_DOCUMENT_ID),
            Map.entry("AkepaDocumentView.name", "passport.jpg"),
            Map.entry("AkepaDocumentView.type", "passport"),
            Map.entry("AkepaDocumentView.extension", "jpg"),
            Map.entry("AkepaDocumentView.uploadStatus", false),
            Map.entry("DocumentReference.documentId", AKEPA_DOCUMENT_ID),
            Map.entry("AkepaDecisionRequest.outcome", "Approved"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            openAPI.getComponents().getSchemas().forEach(OpenApiExamples::exemplify);
        }
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values().stream()
                    .filter(operation -> operation.getParameters() != null)
                    .flatMap(operation -> operation.getParameters().stream())
                    .forEach(parameter -> exemplify(path, parameter)));
        }
    }

    private static void exemplify(String schemaName, Schema schema) {
        if (BY_SCHEMA.containsKey(schemaName) && schema.getExample() == null) {
            schema.setExample(BY_SCHEMA.get(schemaName));
        }
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((property, propertySchema) -> {
            Object example = BY_SCHEMA_PROPERTY.getOrDefault(schemaName + "." + property, BY_PROPERTY.get(property));
            if (example != null && propertySchema.getRef() == null && propertySchema.getExample() == null) {
                propertySchema.setExample(example);
            }
        });
    }

    /** Keys in the order given, so that the generated document is the same at every build. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * A path's {@code documentId} is a separate document under {@code /document}, an Akepa document
     * under {@code /akepa}, a KYC slot elsewhere.
     */
    private static void exemplify(String path, Parameter parameter) {
        boolean documentId = "documentId".equals(parameter.getName());
        Object example = documentId && path.startsWith("/document/") ? SEPARATE_DOCUMENT_ID
                : documentId && path.startsWith("/akepa/") ? AKEPA_DOCUMENT_ID
                : BY_PROPERTY.get(parameter.getName());
        if (example != null && parameter.getExample() == null) {
            parameter.setExample(example);
        }
    }
}
