package dev.kycsandbox.kyc;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.kycsandbox.api.Ids;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One status change of a KYC session, kept for its timeline. */
@Entity
@Table(name = "kyc_status_change")
public class KycStatusChange extends PanacheEntityBase {

    static final String ID_PREFIX = "ksc";

    @Id
    public String id;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", nullable = false)
    public KycStatus from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public KycStatus to;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** A session's changes, oldest first. */
    public static List<KycStatusChange> ofSession(String sessionId) {
        return list("sessionId = ?1 order by changedAt, id", sessionId);
    }

    /** Writes each change in the transaction that made it, so the history never tells of a change rolled back. */
    @ApplicationScoped
    static class History {

        void record(@Observes KycStatusChanged change) {
            KycStatusChange row = new KycStatusChange();
            row.id = Ids.newId(ID_PREFIX);
            row.sessionId = change.session().id;
            row.from = change.from();
            row.to = change.to();
            row.changedAt = change.at();
            row.persist();
        }
    }
}
