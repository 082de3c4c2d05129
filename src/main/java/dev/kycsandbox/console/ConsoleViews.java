package dev.kycsandbox.console;

import java.util.List;

import dev.kycsandbox.webhook.WebhookView;
import io.quarkus.qute.TemplateData;

/** What the console's pages show, read in one transaction each by {@link ConsoleQueries}. */
public final class ConsoleViews {

    private ConsoleViews() {
    }

    /** What every page needs: the CSRF token of its forms (logout included) and the section it is in. */
    public record Page(String csrf, String section) {
        Page section(String name) {
            return new Page(csrf, name);
        }
    }

    public record TenantRow(String id, String kycMode, long customers) {
    }

    public record CustomerRow(String id, String reference, String type, String name, String kycStatus, String createdAt) {
    }

    public record TenantPage(String id, String kycMode, List<CustomerRow> customers, List<DocumentView> separateDocuments) {
    }

    public record CustomerPage(String id, String tenantId, String reference, String type, String name, String kycStatus,
            String createdAt, String details, List<SessionView> sessions, List<ApplicationRow> applications,
            List<WebhookView> webhooks) {
    }

    /** An Akepa application of the customer, with the documents attached to it. */
    public record ApplicationRow(String id, String reference, String status, String outcome, String createdAt,
            String updatedAt, String decisionDueAt, boolean decidable, List<DocumentView> documents) {
    }

    public record SessionView(String id, String status, String mode, String createdAt, String updatedAt, String outcomeRule,
            boolean decidable, List<String> missingAttributes, String attributes, List<DocumentView> documents,
            List<TimelineItem> timeline) {
    }

    /** A KYC slot or a separate document, and its file if it holds one (also rendered by an included template). */
    @TemplateData
    public record DocumentView(String id, String label, boolean hasFile, String type, Long size, String sha256,
            String uploadedAt, boolean image, boolean pdf, Integer pdfPages) {
    }

    public record TimelineItem(String at, String what) {
    }
}
