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
 * Uploads by endpoint and outcome code ({@code "0"} for success, else the error code), and their
 * latency as a histogram, measured once here for every {@link MeteredUpload} endpoint, errors
 * answered by the mappers included.
 */
public class UploadMetrics {

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
        String endpoint = resource.getResourceClass().getSimpleName() + "." + resource.getResourceMethod().getName();
        String outcome = response.getEntity() instanceof ErrorBody error ? error.code() : "0";
        Counter.builder("sandbox.uploads").description("Uploads by endpoint and outcome code")
                .tag("endpoint", endpoint).tag("outcome", outcome).register(registry).increment();
        if (started instanceof Long nanos) {
            Timer.builder("sandbox.upload.duration").description("Upload latency, body received to response")
                    .tag("endpoint", endpoint).publishPercentileHistogram()
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - nanos));
        }
    }
}
