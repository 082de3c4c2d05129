package dev.kycsandbox.api;

import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Uploads by endpoint and outcome, and their latency as a histogram, measured once here for
 * every {@link MeteredUpload} endpoint, errors answered by the mappers included; an upload the
 * HTTP layer refuses on its declared length, before any endpoint runs, is counted through
 * {@link #countRefusedBeforeEndpoint}. Labels: {@code endpoint}, the route template
 * ({@code POST /customer/kyc/upload/{customerId}/{documentId}}); {@code outcome}, {@code stored}
 * for a 200, else the error code of the answer ({@code kycCompleted}, {@code badRequest},
 * {@code payloadTooLarge}, {@code unauthorized}, …).
 */
public class UploadMetrics {

    static final String STORED = "stored";
    private static final String STARTED = UploadMetrics.class.getName() + ".started";

    @Inject
    MeterRegistry registry;

    @ServerRequestFilter
    @MeteredUpload
    public void start(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    @MeteredUpload
    public void record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        Object started = request.getProperty(STARTED);
        String endpoint = ApiCall.routeOf("POST", resource);
        String outcome = response.getEntity() instanceof ErrorBody error ? error.code() : STORED;
        count(registry, endpoint, outcome);
        if (started instanceof Long nanos) {
            Timer.builder("sandbox.upload.duration").description("Upload latency, body received to response")
                    .tag("endpoint", endpoint).publishPercentileHistogram()
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - nanos));
        }
    }

    /** An upload to {@code path} that the HTTP layer refused with {@code code} before the endpoint ran. */
    static void countRefusedBeforeEndpoint(MeterRegistry registry, String path, ErrorCode code) {
        UploadRoutes.templateOf(path).ifPresent(endpoint -> count(registry, endpoint, code.code()));
    }

    private static void count(MeterRegistry registry, String endpoint, String outcome) {
        Counter.builder("sandbox.uploads").description("Uploads by endpoint (route template) and outcome (stored, or the error code)")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
    }
}
