package dev.kycsandbox.akepa;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.customer.Customer;
import dev.kycsandbox.customer.CustomerService;
import dev.kycsandbox.kyc.KycConfig;
import dev.kycsandbox.storage.StoredBlob;
import dev.kycsandbox.upload.GroupCommit;
import dev.kycsandbox.upload.Prefetch;
import dev.kycsandbox.upload.ReceivedUpload;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Akepa's calls. Every write that changes an application holds its row lock, and then the locks of
 * its documents, in id order; an upload locks only its document and completes nothing, so the
 * two never wait for each other in a circle. Together they make "no file accepted once the
 * application is completed" hold under concurrency and across sandboxes sharing the database: a
 * completion waits for uploads in flight to its documents, and an upload after it sees it.
 */
@ApplicationScoped
public class AkepaService {

    static final String REFERENCE_CONSTRAINT = "akepa_application_reference_uk";

    private final CustomerService customers;
    private final GroupCommit commits;
    private final KycConfig config;
    private final ObjectMapper json;
    private final Event<ApplicationStatusChanged> statusChanges;

    public AkepaService(CustomerService customers, GroupCommit commits, KycConfig config, ObjectMapper json,
            Event<ApplicationStatusChanged> statusChanges) {
        this.customers = customers;
        this.commits = commits;
        this.config = config;
        this.json = json;
        this.statusChanges = statusChanges;
    }

    /**
     * Starts an application for the customer, or returns its application in progress unchanged.
     * A reference already used in the tenant is refused by the database's unique constraint, so
     * that concurrent identifications cannot both take it.
     */
    public ApplicationView identify(String tenantId, String customerId, String reference, String webhookUrl,
            Boolean syncMode) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> startOrResume(tenantId, customerId, reference,
                    webhookUrl, syncMode));
        } catch (PersistenceException e) {
            if (!isReferenceTaken(e)) {
                throw e;
            }
            throw QuarkusTransaction.requiringNew().call(() -> referenceTaken(tenantId, reference)).orElseThrow(() -> e);
        }
    }

    private ApplicationView startOrResume(String tenantId, String customerId, String reference, String webhookUrl,
            Boolean syncMode) {
        // the customer's row lock serialises identifications of one customer
        Customer customer = Customer.lockInTenant(tenantId, customerId)
                .orElseThrow(() -> new ApiException(ErrorCode.CUSTOMER_NOT_FOUND));
        Optional<AkepaApplication> inProgress = AkepaApplication.latestOf(customer.id)
                .filter(application -> !application.isCompleted());
        if (inProgress.isPresent()) {
            return ApplicationView.of(inProgress.get());
        }
        Optional<ApiException> taken = referenceTaken(tenantId, reference);
        if (taken.isPresent()) {
            throw taken.get();
        }
        AkepaApplication application = AkepaApplication.start(customer, reference,
                AkepaApplication.hasRequiredData(customer.customerType, detailsOf(customer)), webhookUrl, syncMode,
                now());
        application.persistAndFlush();
        return ApplicationView.of(application);
    }

    /** The application named, or the customer's latest; the customer, when named, is checked first. */
    @Transactional
    public ApplicationView status(String tenantId, String customerId, String applicationId) {
        Optional<Customer> customer = Optional.ofNullable(customerId).map(id -> customers.require(tenantId, id));
        Optional<AkepaApplication> application = applicationId != null
                ? AkepaApplication.findInTenant(tenantId, applicationId)
                        .filter(a -> customer.isEmpty() || a.customer.id.equals(customer.get().id))
                : customer.flatMap(c -> AkepaApplication.latestOf(c.id));
        return ApplicationView.of(application.orElseThrow(() -> new ApiException(ErrorCode.APPLICATION_NOT_FOUND)));
    }

    @Transactional
    public AkepaDocumentView generate(String tenantId, String workflow, String name, String extension, String type,
            String note, String noteAuthor) {
        AkepaDocument document = AkepaDocument.generate(tenantId, workflow, name, extension, type, note, noteAuthor,
                now());
        document.persist();
        return AkepaDocumentView.of(document);
    }

    /**
     * Stores {@code upload} as the document's file in the next group commit, replacing any earlier
     * one, unless the application it is attached to is completed. The document's row stays locked
     * from the lookup to the commit (see the class comment). Who and where first, then the
     * application's state, then the body: once completed every upload is {@code applicationCompleted}.
     */
    public CompletionStage<AkepaDocumentView> upload(String tenantId, String documentId, ReceivedUpload upload) {
        return commits.store(upload, documentId, Prefetch.NONE, (transaction, file) -> {
            AkepaDocument document = AkepaDocument.lockInTenant(tenantId, documentId)
                    .orElseThrow(() -> new ApiException(ErrorCode.DOCUMENT_NOT_FOUND));
            Optional<AkepaApplication> attachedTo = document.isAttached()
                    ? AkepaApplication.findByIdOptional(document.applicationId)
                    : Optional.empty();
            document.requireUploadable(attachedTo, file.type()); // before storing: a refusal leaves no trace
            transaction.supersede(document.upload(attachedTo, transaction.store(file), now()));
            return AkepaDocumentView.of(document);
        });
    }

    /** Attaches documents to the open application of entity {@code entityId} (a customer id). */
    @Transactional
    public ApplicationView update(String tenantId, String entityId, List<String> documentIds) {
        Customer customer = customers.require(tenantId, entityId);
        AkepaApplication application = AkepaApplication.lockLatestOf(customer.id)
                .orElseThrow(() -> new ApiException(ErrorCode.APPLICATION_NOT_FOUND));
        application.requireOpen();
        List<AkepaDocument> locked = AkepaDocument.lockAttachedToOr(application.id, tenantId, documentIds);
        Map<String, AkepaDocument> byId = new HashMap<>();
        locked.forEach(d -> byId.put(d.id, d));
        List<AkepaDocument> named = documentIds.stream().distinct()
                .map(id -> Optional.ofNullable(byId.get(id))
                        .orElseThrow(() -> new ApiException(ErrorCode.DOCUMENT_NOT_FOUND)))
                .toList();
        List<AkepaDocument> attached = locked.stream().filter(d -> application.id.equals(d.applicationId)).toList();
        application.attach(named, attached, config.autoDecisionDelay(), now());
        return published(application, false);
    }

    /** An admin decision on the customer's application in progress (any tenant: the admin sees all). */
    @Transactional
    public ApplicationView decide(String customerId, Outcome outcome) {
        Customer customer = Customer.<Customer> findByIdOptional(customerId)
                .orElseThrow(() -> new ApiException(ErrorCode.CUSTOMER_NOT_FOUND));
        AkepaApplication application = AkepaApplication.lockLatestOf(customer.id)
                .orElseThrow(() -> new ApiException(ErrorCode.APPLICATION_NOT_FOUND));
        application.requireOpen();
        AkepaDocument.lockAttachedTo(application.id); // waits for uploads in flight to its documents
        application.decide(outcome, now());
        return published(application, true);
    }

    /** Takes the outcome rules' decision on up to {@code limit} due applications; returns how many it took. */
    @Transactional
    public int decideDue(int limit) {
        Instant now = now();
        List<AkepaApplication> due = AkepaApplication.lockDue(now, limit);
        for (AkepaApplication application : due) {
            AkepaDocument.lockAttachedTo(application.id);
            application.decideAutomatically(now);
            published(application, true);
        }
        return due.size();
    }

    /** The file stored as Akepa document {@code documentId} of any tenant (the admin sees all), if it holds one. */
    @Transactional
    public Optional<StoredBlob> storedFile(String documentId) {
        return AkepaDocument.<AkepaDocument> findByIdOptional(documentId).filter(AkepaDocument::hasFile)
                .map(AkepaDocument::storedBlob);
    }

    /** Announces the application's changes inside the current transaction (webhook outbox, metrics), then renders it. */
    private ApplicationView published(AkepaApplication application, boolean asynchronous) {
        application.drainChanges(asynchronous).forEach(statusChanges::fire);
        return ApplicationView.of(application);
    }

    private static Optional<ApiException> referenceTaken(String tenantId, String reference) {
        return AkepaApplication.<AkepaApplication> find("tenantId = ?1 and reference = ?2", tenantId, reference)
                .firstResultOptional()
                .map(existing -> ApiException.withContext(ErrorCode.REFERENCE_EXISTS,
                        Map.of("reference", reference, "applicationId", existing.id)));
    }

    private static boolean isReferenceTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && REFERENCE_CONSTRAINT.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode detailsOf(Customer customer) {
        try {
            return json.readTree(customer.details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Customer " + customer.id + " holds no valid JSON", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
