package dev.kycsandbox.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.akepa.AkepaApplication;
import dev.kycsandbox.akepa.AkepaDocument;
import dev.kycsandbox.akepa.ApplicationStatus;
import dev.kycsandbox.api.Timestamps;
import dev.kycsandbox.console.ConsoleViews.ApplicationRow;
import dev.kycsandbox.console.ConsoleViews.CustomerPage;
import dev.kycsandbox.console.ConsoleViews.CustomerRow;
import dev.kycsandbox.console.ConsoleViews.DocumentView;
import dev.kycsandbox.console.ConsoleViews.SessionView;
import dev.kycsandbox.console.ConsoleViews.TenantPage;
import dev.kycsandbox.console.ConsoleViews.TenantRow;
import dev.kycsandbox.console.ConsoleViews.TimelineItem;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.document.SeparateDocument;
import dev.kycsandbox.kyc.DocumentSlot;
import dev.kycsandbox.kyc.KycConfig;
import dev.kycsandbox.kyc.KycMode;
import dev.kycsandbox.kyc.KycSession;
import dev.kycsandbox.kyc.KycStatus;
import dev.kycsandbox.kyc.KycStatusChange;
import dev.kycsandbox.storage.BlobStore;
import dev.kycsandbox.storage.FileType;
import dev.kycsandbox.storage.StoredFileEntity;
import dev.kycsandbox.tenant.Tenant;
import dev.kycsandbox.webhook.WebhookService;
import io.quarkus.hibernate.orm.panache.Panache;

/** The console's reads, across every tenant (the admin sees all), each page in one transaction. */
@ApplicationScoped
public class ConsoleQueries {

    /** A page lists this many customers at most, newest first. */
    static final int PAGE_SIZE = 200;
    /** PDFs up to this size are scanned for their page count; larger ones are not worth the read. */
    static final long PDF_SCAN_LIMIT = 4L * 1024 * 1024;
    private static final Pattern PDF_PAGE = Pattern.compile("/Type\\s*/Page(?![a-zA-Z])");

    private final WebhookService webhooks;
    private final BlobStore blobs;
    private final KycConfig kycConfig;
    private final ObjectMapper json;

    public ConsoleQueries(WebhookService webhooks, BlobStore blobs, KycConfig kycConfig, ObjectMapper json) {
        this.webhooks = webhooks;
        this.blobs = blobs;
        this.kycConfig = kycConfig;
        this.json = json;
    }

    @Transactional
    public List<TenantRow> tenants() {
        Map<String, Long> counts = new HashMap<>();
        Panache.getEntityManager()
                .createQuery("select c.tenantId, count(c) from Customer c group by c.tenantId", Object[].class)
                .getResultStream().forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return Tenant.listAllById().stream()
                .map(t -> new TenantRow(t.id, modeOf(t.kycMode), counts.getOrDefault(t.id, 0L))).toList();
    }

    @Transactional
    public Optional<TenantPage> tenant(String tenantId) {
        return Tenant.<Tenant> findByIdOptional(tenantId).map(tenant -> {
            List<CustomerRow> customers = Customer.<Customer> find("tenantId = ?1 order by createdAt desc, id", tenantId)
                    .page(0, PAGE_SIZE).list().stream()
                    .map(c -> new CustomerRow(c.id, c.reference, c.customerType, nameOf(c), c.kycStatus,
                            Timestamps.format(c.createdAt)))
                    .toList();
            List<DocumentView> documents = SeparateDocument.<SeparateDocument> find(
                    "tenantId = ?1 order by createdAt desc, id", tenantId).page(0, PAGE_SIZE).list().stream()
                    .map(d -> document(d.id, "separate document", d)).toList();
            return new TenantPage(tenant.id, modeOf(tenant.kycMode), customers, documents);
        });
    }

    @Transactional
    public Optional<CustomerPage> customer(String customerId) {
        return Customer.<Customer> findByIdOptional(customerId).map(c -> {
            List<SessionView> sessions = KycSession.<KycSession> list("customer.id = ?1 order by createdAt desc, id desc", c.id)
                    .stream().map(this::session).toList();
            List<AkepaApplication> applications = AkepaApplication.list("customer.id = ?1 order by createdAt desc, id desc", c.id);
            List<ApplicationRow> rows = new ArrayList<>();
            for (AkepaApplication application : applications) {
                // the admin decision completes the customer's latest application only
                rows.add(application(application, rows.isEmpty() && application.status != ApplicationStatus.COMPLETED));
            }
            return new CustomerPage(c.id, c.tenantId, c.reference, c.customerType, nameOf(c), c.kycStatus,
                    Timestamps.format(c.createdAt), pretty(c.details), sessions, rows, webhooks.ofCustomer(c.id));
        });
    }

    private SessionView session(KycSession s) {
        List<DocumentView> documents = s.slots.stream().map(slot -> document(slot.id, slot.label(), slot)).toList();
        List<TimelineItem> timeline = new ArrayList<>();
        timeline.add(new TimelineItem(Timestamps.format(s.createdAt), "opened in " + s.mode + ": WAITING_DATA"));
        for (DocumentSlot slot : s.slots) {
            if (slot.uploadedAt != null) {
                timeline.add(new TimelineItem(Timestamps.format(slot.uploadedAt), "file stored in " + slot.label()));
            }
        }
        for (KycStatusChange change : KycStatusChange.ofSession(s.id)) {
            timeline.add(new TimelineItem(Timestamps.format(change.changedAt), change.from.name() + " → " + change.to.name()));
        }
        if (s.decisionDueAt != null) {
            timeline.add(new TimelineItem(Timestamps.format(s.decisionDueAt), "outcome rule decides (due)"));
        }
        timeline.sort(Comparator.comparing(TimelineItem::at));
        return new SessionView(s.id, s.status.name(), s.mode, Timestamps.format(s.createdAt), Timestamps.format(s.updatedAt),
                outcomeRule(s), s.isOpen(), s.missingAttributeCodes == null ? List.of() : s.missingAttributeCodes,
                s.attributes == null || s.attributes.isEmpty() ? null : pretty(s.attributes), documents, timeline);
    }

    private ApplicationRow application(AkepaApplication a, boolean decidable) {
        List<DocumentView> documents = AkepaDocument.<AkepaDocument> list("applicationId = ?1 order by attachedAt, id", a.id)
                .stream().map(d -> document(d.id, d.name + " (" + d.documentType + ")", d)).toList();
        return new ApplicationRow(a.id, a.reference, a.status.wireName(), a.outcome == null ? null : a.outcome.wireName(),
                Timestamps.format(a.createdAt), Timestamps.format(a.updatedAt),
                a.decisionDueAt == null ? null : Timestamps.format(a.decisionDueAt), decidable, documents);
    }

    /** The outcome rule that applies to the session, and when it fires, in words. */
    private String outcomeRule(KycSession s) {
        if (s.status.isTerminal()) {
            return "decided: " + s.status.name();
        }
        Optional<KycStatus> outcome = s.automaticOutcome();
        if (outcome.isEmpty()) {
            return "WaitReview: stays IN_REVIEW until an admin decides";
        }
        String rule = outcome.get() == KycStatus.REJECTED ? "Reject…: rejected" : "auto-approve: approved";
        if (s.decisionDueAt != null) {
            return rule + " at " + Timestamps.format(s.decisionDueAt);
        }
        return rule + " " + kycConfig.autoDecisionDelay().toSeconds() + " s after it enters IN_REVIEW";
    }

    private DocumentView document(String id, String label, StoredFileEntity row) {
        if (!row.hasFile()) {
            return new DocumentView(id, label, false, null, null, null, null, false, false, null);
        }
        FileType type = FileType.fromExtension(row.fileType).orElse(null);
        boolean pdf = type == FileType.PDF;
        return new DocumentView(id, label, true, row.fileType, row.sizeBytes, row.sha256,
                Timestamps.format(row.uploadedAt), ConsoleResource.isPreviewable(type), pdf,
                pdf && row.sizeBytes <= PDF_SCAN_LIMIT ? pdfPages(row.blobId) : null);
    }

    /** The number of page objects in a PDF: good enough for a label, and null when unreadable. */
    private Integer pdfPages(String blobId) {
        try {
            String text = new String(Files.readAllBytes(blobs.pathOf(blobId)), StandardCharsets.ISO_8859_1);
            Matcher pages = PDF_PAGE.matcher(text);
            int count = 0;
            while (pages.find()) {
                count++;
            }
            return count == 0 ? null : count;
        } catch (IOException e) {
            return null; // replaced meanwhile: no count rather than an error page
        }
    }

    private static String nameOf(Customer c) {
        return c.lastNames == null ? "" : String.join(" / ", c.lastNames);
    }

    private String modeOf(String tenantChoice) {
        return KycMode.forTenant(tenantChoice, kycConfig.defaultMode()).wireName();
    }

    private String pretty(Object value) {
        try {
            Object tree = value instanceof String text ? json.readTree(text) : value;
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
