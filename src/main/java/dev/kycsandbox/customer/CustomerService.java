package dev.kycsandbox.customer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class CustomerService {

    static final String REFERENCE_CONSTRAINT = "customer_reference_uk";
    static final String SSN_CONSTRAINT = "customer_ssn_uk";

    /**
     * Registers a customer. Duplicates are refused by the database's unique constraints, so two
     * concurrent inits with the same reference or SSN create exactly one customer.
     */
    public Customer init(String tenantId, CustomerInitRequest request) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> insert(tenantId, request));
        } catch (PersistenceException e) {
            ConstraintViolationException violation = findViolation(e);
            if (violation == null) {
                throw e;
            }
            throw duplicateOf(tenantId, request, violation.getConstraintName());
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Customer require(String tenantId, String customerId) {
        return Customer.findInTenant(tenantId, customerId).orElseThrow(() -> new ApiException(ErrorCode.CUSTOMER_NOT_FOUND));
    }

    private Customer insert(String tenantId, CustomerInitRequest request) {
        Customer customer = new Customer();
        customer.id = Ids.newId(Ids.INDIVIDUAL_CUSTOMER);
        customer.tenantId = tenantId;
        customer.reference = request.customerReference();
        customer.customerType = request.customerType();
        customer.details = request.customer();
        customer.ssn = request.customer().ssn().orElse(null);
        customer.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        customer.persistAndFlush();
        return customer;
    }

    private ApiException duplicateOf(String tenantId, CustomerInitRequest request, String constraint) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (REFERENCE_CONSTRAINT.equals(constraint)) {
                String existing = Customer.findByReference(tenantId, request.customerReference()).map(c -> c.id).orElse(null);
                return ApiException.withContext(ErrorCode.REFERENCE_EXISTS,
                        Map.of("reference", request.customerReference(), "entityId", String.valueOf(existing)));
            }
            String existing = Customer.findBySsn(tenantId, request.customer().ssn().orElse("")).map(c -> c.id).orElse(null);
            return ApiException.withContext(ErrorCode.CUSTOMER_EXISTS,
                    Map.of("cFiAggregatorId", tenantId, "customerId", String.valueOf(existing)));
        });
    }

    private static ConstraintViolationException findViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && (REFERENCE_CONSTRAINT.equals(violation.getConstraintName())
                            || SSN_CONSTRAINT.equals(violation.getConstraintName()))) {
                return violation;
            }
        }
        return null;
    }
}
