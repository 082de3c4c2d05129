package dev.kycsandbox.webhook;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.akepa.AkepaApplication;
import dev.kycsandbox.akepa.ApplicationStatusChanged;
import dev.kycsandbox.akepa.ApplicationView;
import dev.kycsandbox.api.Envelope;
import dev.kycsandbox.customer.CustomerView;
import dev.kycsandbox.kyc.KycSession;
import dev.kycsandbox.kyc.KycStatusChanged;
import dev.kycsandbox.kyc.KycView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The outbox's writing side: every status change of a session that has a {@code webhookURL}, and
 * every asynchronous status change of an Akepa application that has one, becomes a PENDING
 * {@link WebhookEvent}, inserted inside the change's own transaction, so the event exists exactly
 * when the change was committed.
 */
@ApplicationScoped
// serialised here, outside the REST layer
@RegisterForReflection(targets = { Envelope.class, KycView.class, KycView.Kyc.class, KycView.Slot.class,
        CustomerView.class, ApplicationView.class, ApplicationView.EntityApplication.class })
public class WebhookOutbox {

    private final ObjectMapper json;
    private final WebhookDispatcher dispatcher;

    public WebhookOutbox(ObjectMapper json, WebhookDispatcher dispatcher) {
        this.json = json;
        this.dispatcher = dispatcher;
    }

    /** Synchronous: runs inside the transaction of the change, and fails it if the event cannot be written. */
    void record(@Observes KycStatusChanged change) {
        KycSession session = change.session();
        if (!hasWebhook(session)) {
            return;
        }
        String payload = payload(change);
        WebhookEvent.pending(session.customer.tenantId, session.customer.id, session.id, change.to(),
                session.webhookUrl, payload, change.at()).persist();
    }

    /** Once the change is committed, the local dispatcher need not wait for its next poll. */
    void wakeDispatcher(@Observes(during = TransactionPhase.AFTER_SUCCESS) KycStatusChanged change) {
        if (hasWebhook(change.session())) {
            dispatcher.wake();
        }
    }

    /**
     * An application's change, inside its transaction: announced only when asynchronous (Akepa
     * sends no webhook for a change the client's own response already shows).
     */
    void record(@Observes ApplicationStatusChanged change) {
        if (!announces(change)) {
            return;
        }
        AkepaApplication application = change.application();
        String payload = serialise(new Envelope<>("0", ApplicationView.at(application, change.to()), newRequestId()),
                application.id);
        WebhookEvent.pendingOfApplication(application.tenantId, application.customer.id, application.id,
                change.to().wireName(), application.webhookUrl, payload, change.at()).persist();
    }

    void wakeDispatcher(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApplicationStatusChanged change) {
        if (announces(change)) {
            dispatcher.wake();
        }
    }

    private static boolean announces(ApplicationStatusChanged change) {
        String url = change.application().webhookUrl;
        return change.asynchronous() && url != null && !url.isBlank();
    }

    /**
     * The common KYC response envelope as of this change: the session's data, with the status
     * this change moved to (should one operation make several changes, each tells its own).
     */
    String payload(KycStatusChanged change) {
        KycView view = KycView.of(change.session());
        String status = change.to().name();
        CustomerView c = view.customer();
        KycView atChange = new KycView(
                new CustomerView(c.reference(), c.customerId(), c.customerType(), c.customer(), status, c.boises(),
                        c.dtsCreatedAt()),
                new KycView.Kyc(view.kyc().attributeCodes(), view.kyc().system(), view.kyc().mode(), status),
                view.kycDocumentList(), view.kycAttributes());
        return serialise(new Envelope<>("0", atChange, newRequestId()), change.session().id);
    }

    private String serialise(Envelope<?> envelope, String subjectId) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the webhook of " + subjectId, e);
        }
    }

    private static boolean hasWebhook(KycSession session) {
        return session.webhookUrl != null && !session.webhookUrl.isBlank();
    }

    /** 32 lowercase hex characters, like every connectFi requestId. */
    private static String newRequestId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
