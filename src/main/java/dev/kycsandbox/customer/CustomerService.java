package dev.kycsandbox.customer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kycsandbox.api.ApiException;
import dev.kycsandbox.api.ErrorCode;
import dev.kycsandbox.api.Ids;
import io.quarkus.narayana.jta.QuarkusTransaction;

@ApplicationScoped
public class CustomerService {

    static final String REFERENCE_CONSTRAINT = "customer_reference_uk";
    static final String TAX_ID_CONSTRAINT = "customer_tax_id_uk";

    private final ObjectMapper json;

    public CustomerService(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Registers a customer. A duplicate reference, SSN or FEIN is refused by the database's unique
     * constraints, so concurrent inits create exactly one customer; the read before the insert
     * only spares the common, sequential case a failed insert.
     */
    public Customer init(String tenantId, CustomerInitRequest request) {
        Optional<ApiException> duplicate = QuarkusTransaction.requiringNew().call(() -> duplicateOf(tenantId, request));
        if (duplicate.isPresent()) {
            throw duplicate.get();
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> insert(tenantId, request));
        } catch (PersistenceException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            throw QuarkusTransaction.requiringNew().call(() -> duplicateOf(tenantId, request))
                    .orElseThrow(() -> e); // the other row vanished again: report what happened
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Customer require(String tenantId, String customerId) {
        return Customer.findInTenant(tenantId, customerId).orElseThrow(() -> new ApiException(ErrorCode.CUSTOMER_NOT_FOUND));
    }

    private Customer insert(String tenantId, CustomerInitRequest request) {
        CustomerDetails details = request.customer().withGeneratedIds();
        Customer customer = new Customer();
        customer.id = Ids.newId(details.idPrefix());
        customer.tenantId = tenantId;
        customer.reference = request.customerReference();
        customer.customerType = request.customerType();
        customer.details = toJson(details);
        customer.taxId = details.taxId().orElse(null);
        customer.lastNames = details.lastNames();
        customer.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        customer.persistAndFlush();
        return customer;
    }

    /** connectFi's duplicate errors, reference first, with the existing customer in the context. */
    private static Optional<ApiException> duplicateOf(String tenantId, CustomerInitRequest request) {
        Optional<Customer> sameReference = Customer.findByReference(tenantId, request.customerReference());
        if (sameReference.isPresent()) {
            return Optional.of(ApiException.withContext(ErrorCode.REFERENCE_EXISTS,
                    Map.of("reference", request.customerReference(), "entityId", sameReference.get().id)));
        }
        return request.customer().taxId()
                .flatMap(taxId -> Customer.findByTaxId(tenantId, request.customerType(), taxId))
                .map(existing -> ApiException.withContext(ErrorCode.CUSTOMER_EXISTS,
                        Map.of("cFiAggregatorId", tenantId, "customerId", existing.id)));
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && (REFERENCE_CONSTRAINT.equals(violation.getConstraintName())
                            || TAX_ID_CONSTRAINT.equals(violation.getConstraintName()))) {
                return true;
            }
        }
        return false;
    }

    private String toJson(CustomerDetails details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A validated customer object is always serialisable", e);
        }
    }
}
