package dev.kycsandbox.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void shouldBeHexHmacSha256OfTheBodyKeyedWithTheSecret() {
        // RFC 4231, test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.of(bytes("what do ya want for nothing?"), "Jefe"));
    }

    @Test
    void shouldSignTheExactBytes() {
        String secret = "4Qm0pTz7c1ahJ2uXyW9kLs3dNf8eRb6vGg5iHj0oKqP";
        String body = "{\"code\":\"0\",\"data\":{\"name\":\"Zoë\"},\"requestId\":\"0123456789abcdef0123456789abcdef\"}";
        String signature = WebhookSignature.of(bytes(body), secret);
        assertEquals(signature, WebhookSignature.of(bytes(body), secret), "deterministic");
        assertEquals(71, signature.length(), "sha256= and 64 hex characters");
        assertNotEquals(signature, WebhookSignature.of(bytes(body + " "), secret), "one more byte");
        assertNotEquals(signature, WebhookSignature.of(bytes(body.replace(":\"0\"", ": \"0\"")), secret),
                "same JSON, other bytes");
        assertNotEquals(signature, WebhookSignature.of(bytes(body), secret + "x"), "other secret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
