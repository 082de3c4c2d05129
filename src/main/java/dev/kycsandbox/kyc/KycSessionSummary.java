package dev.kycsandbox.kyc;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.kycsandbox.api.Timestamps;
import io.quarkus.hibernate.orm.panache.Panache;

/** One KYC session as the admin API lists it: what it is waiting for, without the documents. */
@JsonPropertyOrder({ "sessionId", "customerId", "status", "mode", "slots", "slotsFilled", "createdAt", "updatedAt",
        "decisionDueAt" })
public record KycSessionSummary(String sessionId, String customerId, String status, String mode, long slots,
        long slotsFilled, String createdAt, String updatedAt, String decisionDueAt) {

    /** The tenant's sessions, newest first, counting their slots in the same query. */
    static List<KycSessionSummary> ofTenant(String tenantId, int limit) {
        return Panache.getEntityManager().createQuery("""
                select s.id, s.customer.id, s.status, s.mode,
                       (select count(d) from DocumentSlot d where d.session = s),
                       (select count(d) from DocumentSlot d where d.session = s and d.blobId is not null),
                       s.createdAt, s.updatedAt, s.decisionDueAt
                from KycSession s
                where s.customer.tenantId = :tenant
                order by s.createdAt desc, s.id""", Object[].class)
                .setParameter("tenant", tenantId)
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> new KycSessionSummary((String) row[0], (String) row[1], ((KycStatus) row[2]).name(),
                        (String) row[3], (Long) row[4], (Long) row[5], Timestamps.format((Instant) row[6]),
                        Timestamps.format((Instant) row[7]), Timestamps.format((Instant) row[8])))
                .toList();
    }
}
