package dev.kycsandbox.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import jakarta.inject.Singleton;

/**
 * Makes one attempt: POSTs a body with the webhook headers using the JDK's HTTP client and tells
 * what came of it. Never throws for the receiver's faults; only an interrupt (shutdown) escapes.
 */
@Singleton
public class WebhookSender {

    public static final String ID_HEADER = "x-sandbox-webhook-id";
    public static final String ATTEMPT_HEADER = "x-sandbox-webhook-attempt";
    static final String USER_AGENT = "kyc-sandbox-webhooks/1";

    private final HttpClient client;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    public WebhookSender(WebhookConfig config) {
        this.connectTimeout = config.connectTimeout();
        this.requestTimeout = config.requestTimeout();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-HTTP receivers
                .followRedirects(HttpClient.Redirect.NEVER) // a 3xx is not a delivery
                .connectTimeout(connectTimeout)
                .build();
    }

    /** A signed request: {@code signature} is the {@link WebhookSignature} of {@code body}. */
    public record Request(String url, String webhookId, int attempt, byte[] body, String signature) {
    }

    DeliveryOutcome send(Request request) throws InterruptedException {
        HttpRequest http;
        try {
            http = HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(requestTimeout)
                    .header("content-type", "application/json")
                    .header("user-agent", USER_AGENT)
                    .header(ID_HEADER, request.webhookId())
                    .header(ATTEMPT_HEADER, Integer.toString(request.attempt()))
                    .header(WebhookSignature.HEADER, request.signature())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                    .build();
        } catch (IllegalArgumentException e) {
            return DeliveryOutcome.unusable("invalid URL: " + e.getMessage());
        }
        long start = System.nanoTime();
        try {
            // only the status matters: the body is not read, so a slow one cannot hold the attempt
            HttpResponse<InputStream> response = client.send(http, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return DeliveryOutcome.answered(response.statusCode(), elapsedMs(start));
        } catch (HttpConnectTimeoutException e) {
            return DeliveryOutcome.failed("connect timed out after " + connectTimeout.toMillis() + " ms", elapsedMs(start));
        } catch (HttpTimeoutException e) {
            return DeliveryOutcome.failed("no response within " + requestTimeout.toMillis() + " ms", elapsedMs(start));
        } catch (ConnectException e) {
            return DeliveryOutcome.failed(connectFailure(e, http.uri()), elapsedMs(start));
        } catch (IOException e) {
            return DeliveryOutcome.failed(e.getClass().getSimpleName() + ": " + messageOf(e), elapsedMs(start));
        }
    }

    /** The JDK client's ConnectException carries no message: the cause chain tells what happened. */
    private static String connectFailure(ConnectException e, URI uri) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException) {
            return "unknown host " + uri.getHost();
        }
        String message = firstMessage(e);
        return message == null ? "connection refused" : "connection failed: " + message;
    }

    /** The first message in the cause chain (the JDK client often wraps the informative one). */
    private static String messageOf(Throwable e) {
        String message = firstMessage(e);
        return message == null ? "no detail" : message;
    }

    private static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
