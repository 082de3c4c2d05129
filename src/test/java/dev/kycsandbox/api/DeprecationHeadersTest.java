package dev.kycsandbox.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.kyc.KycResource;

/** How the deprecation headers are written, without HTTP. */
class DeprecationHeadersTest {

    @Test
    void shouldWriteTheDeprecationDateAsStructuredFieldDate() {
        assertEquals("@1704067200", DeprecationHeaders.DEPRECATION_VALUE);
        assertEquals("2024-01-01T00:00:00Z", DeprecationHeaders.DEPRECATED_SINCE.toString());
    }

    @Test
    void shouldFillPathParametersIntoTheSuccessor() {
        assertEquals("/akepa/document/upload/doc_abc",
                DeprecationHeaders.expand(DeprecatedEndpoint.AKEPA_DOCUMENT_UPLOAD, params(Map.of("documentId", "doc_abc"))));
        assertEquals("/akepa/identification",
                DeprecationHeaders.expand(DeprecatedEndpoint.AKEPA_IDENTIFICATION, params(Map.of("customerId", "c"))));
    }

    @Test
    void shouldEncodeWhatCouldBreakTheHeader() {
        assertEquals("/akepa/document/upload/a%3E%3B%20rel%3D%22x%22%0D%0AX-Evil%3A%201",
                DeprecationHeaders.expand(DeprecatedEndpoint.AKEPA_DOCUMENT_UPLOAD,
                        params(Map.of("documentId", "a>; rel=\"x\"\r\nX-Evil: 1"))));
    }

    @Test
    void shouldFormatTheLinkAsSuccessorVersion() {
        assertEquals("</akepa/status>; rel=\"successor-version\"", DeprecationHeaders.link("/akepa/status"));
    }

    @Test
    void shouldTakeEachKycMethodsOwnSuccessor() throws NoSuchMethodException {
        assertEquals(Optional.of("/akepa/identification"), successor("init"));
        assertEquals(Optional.of("/akepa/update"), successor("addAttributes"));
        assertEquals(Optional.of("/akepa/status"), successor("status"));
        assertEquals(Optional.of("/akepa/document/upload/{documentId}"), successor("upload"));
    }

    private static Optional<String> successor(String name) {
        for (Method method : KycResource.class.getMethods()) {
            if (method.getName().equals(name)) {
                return DeprecationHeaders.successorOf(method, KycResource.class);
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static MultivaluedMap<String, String> params(Map<String, String> values) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        values.forEach(map::add);
        return map;
    }
}
