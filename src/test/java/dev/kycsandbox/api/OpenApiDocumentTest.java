package dev.kycsandbox.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import dev.kycsandbox.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The OpenAPI document served at {@code /q/openapi} is generated from the resources' annotations
 * and checked in as {@code docs/openapi.yaml}, so that a change of the API shows in review. When
 * the two differ, refresh the file with
 * {@code ./mvnw -B test -Dtest=OpenApiDocumentTest -Dopenapi.update=true} and review its diff.
 */
@QuarkusTest
class OpenApiDocumentTest {

    static final Path CHECKED_IN = Path.of("docs", "openapi.yaml");
    static final String UPDATE_PROPERTY = "openapi.update";
    static final String UPLOAD = "/customer/kyc/upload/{customerId}/{documentId}";

    @Test
    void shouldServeTheCheckedInDocument() throws IOException {
        String served = given().accept("application/yaml").queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(CHECKED_IN, served, StandardCharsets.UTF_8);
            return;
        }
        String checkedIn = Files.exists(CHECKED_IN) ? Files.readString(CHECKED_IN, StandardCharsets.UTF_8) : "";
        if (!served.equals(checkedIn)) {
            fail("The OpenAPI document served at /q/openapi differs from " + CHECKED_IN + " " + firstDifference(served, checkedIn)
                    + ". If the API change is intended, refresh the file with"
                    + " `./mvnw -B test -Dtest=OpenApiDocumentTest -D" + UPDATE_PROPERTY + "=true` and commit it.");
        }
    }

    @Test
    void shouldOfferExamplesTheSandboxAccepts() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> body = Map.of(
                "customerReference", document.get("components.schemas.CustomerInitRequest.properties.customerReference.example"),
                "customerType", document.get("components.schemas.CustomerInitRequest.properties.customerType.example"),
                "customer", document.get("components.schemas.CustomerDetails.example"));

        String code = Api.initCustomer(Api.token(), body).extract().path("code");

        // the example's reference and SSN may be taken already: anything but a validation failure
        assertTrue(List.of("0", "referenceExists", "customerExists").contains(code), code);
    }

    @Test
    void shouldExemplifyPathIdsWithTheirRealShape() {
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String upload = "paths.'" + UPLOAD + "'.post.parameters";
        assertAll(
                () -> assertTrue(document.getString(upload + ".find { it.name == 'customerId' }.example").matches("cstap_[0-9a-zA-Z]{22}")),
                () -> assertTrue(document.getString(upload + ".find { it.name == 'documentId' }.example").matches("doc_[0-9a-zA-Z]{22}")),
                () -> assertTrue(document.getString("paths.'/document/upload/{documentId}'.post.parameters"
                        + ".find { it.name == 'documentId' }.example").matches("sdoc_[0-9a-zA-Z]{22}")),
                () -> assertTrue(document.getString("components.schemas.ErrorBody.properties.requestId.example").matches("[0-9a-f]{32}")),
                () -> assertTrue(document.getMap("components.schemas.ErrorBody.properties.context.example") != null,
                        "the error context is an object"));
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void shouldDescribeEveryResourceMethod() {
        Map<String, Map<String, Object>> paths = paths();
        List<String> resourceMethods = resourceMethods();
        assertTrue(resourceMethods.size() >= 20, "resource methods found: " + resourceMethods);
        assertAll(resourceMethods.stream().map(operation -> () -> {
            String[] verbAndPath = operation.split(" ", 2);
            Map<String, Object> item = paths.get(verbAndPath[1]);
            assertTrue(item != null && item.containsKey(verbAndPath[0].toLowerCase()),
                    operation + " is missing from /q/openapi, which has " + new TreeSet<>(paths.keySet()));
        }));
    }

    @Test
    void shouldListTheUploadErrors() {
        assertEquals(List.of("200", "400", "401", "413", "507"), responseCodes(UPLOAD, "post"));
        assertEquals(List.of("200", "400", "401", "413", "507"), responseCodes("/document/upload/{documentId}", "post"));
        Map<String, Object> badRequest = response(UPLOAD, "post", "400");
        for (String code : List.of("badRequest", "customerNotFound", "documentNotFound", "kycCompleted")) {
            assertTrue(((String) badRequest.get("description")).contains("`" + code + "`"), code + " in " + badRequest);
        }
        assertTrue(response(UPLOAD, "post", "413").get("description").toString().contains("`payloadTooLarge`"));
        assertTrue(response(UPLOAD, "post", "507").get("description").toString().contains("`insufficientStorage`"));
        assertTrue(response(UPLOAD, "post", "400").toString().contains("#/components/schemas/ErrorBody"));
    }

    @Test
    void shouldNameTheHeaderEachEndpointNeeds() {
        paths().forEach((path, item) -> item.forEach((verb, operation) -> {
            Object security = ((Map<?, ?>) operation).get("security");
            if (path.equals("/auth/get-token")) {
                assertNull(security, path);
            } else {
                String scheme = path.startsWith("/sandbox/") ? OpenApiDocs.ADMIN_TOKEN : OpenApiDocs.CONNECTFI_TOKEN;
                assertEquals(List.of(Map.of(scheme, List.of())), security, verb + " " + path);
            }
        }));
        Map<String, Object> schemes = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().path("components.securitySchemes");
        assertEquals(Map.of("type", "apiKey", "in", "header", "name", "x-connectfi-token"),
                withoutDescription(schemes.get(OpenApiDocs.CONNECTFI_TOKEN)));
        assertEquals(Map.of("type", "apiKey", "in", "header", "name", "x-sandbox-admin-token"),
                withoutDescription(schemes.get(OpenApiDocs.ADMIN_TOKEN)));
    }

    @Test
    void shouldMarkConnectFiDeprecatedFamiliesDeprecated() {
        paths().forEach((path, item) -> item.forEach((verb, operation) -> {
            boolean deprecatedFamily = path.startsWith("/customer/kyc/") || path.startsWith("/document/");
            assertEquals(deprecatedFamily, Boolean.TRUE.equals(((Map<?, ?>) operation).get("deprecated")),
                    verb + " " + path);
        }));
    }

    private static Map<String, Map<String, Object>> paths() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().path("paths");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> response(String path, String verb, String status) {
        Map<String, Object> operation = (Map<String, Object>) paths().get(path).get(verb);
        return ((Map<String, Map<String, Object>>) operation.get("responses")).get(status);
    }

    @SuppressWarnings("unchecked")
    private static List<String> responseCodes(String path, String verb) {
        Map<String, Object> operation = (Map<String, Object>) paths().get(path).get(verb);
        return new ArrayList<>(new TreeSet<>(((Map<String, Object>) operation.get("responses")).keySet()));
    }

    private static Map<?, ?> withoutDescription(Object scheme) {
        Map<Object, Object> copy = new java.util.HashMap<>((Map<?, ?>) scheme);
        assertFalse(String.valueOf(copy.remove("description")).isBlank());
        return copy;
    }

    /** "VERB /path" of every JAX-RS resource method of the application, found in its compiled classes. */
    private static List<String> resourceMethods() {
        List<String> operations = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
                    operations.add(verb + " " + (path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path));
                }
            }
        }
        return operations;
    }

    private static String httpMethod(Method method) {
        return Stream.of(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(h -> h != null).map(HttpMethod::value).findFirst().orElse(null);
    }

    private static List<Class<?>> resourceClasses() {
        Class<?> anchor = Envelope.class;
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes for a @QuarkusTest; the project's jar for the @QuarkusIntegrationTest
            try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location)) {
                Path root = jar == null ? location : jar.getPath("/");
                return resourceClasses(root, anchor.getClassLoader());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Class<?>> resourceClasses(Path root, ClassLoader loader) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("dev/kycsandbox"))) {
            List<Class<?>> resources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                // the console's pages are for browsers, left out of the document on purpose
                // (mp.openapi.scan.exclude.packages)
                if (!name.contains("$") && !name.startsWith("dev.kycsandbox.console.")) {
                    Class<?> type = Class.forName(name, false, loader);
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        resources.add(type);
                    }
                }
            }
            return resources;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where two texts part, by line, to point at the change in the failure message. */
    static String firstDifference(String served, String checkedIn) {
        List<String> a = served.lines().toList();
        List<String> b = checkedIn.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of document>";
            String right = i < b.size() ? b.get(i) : "<end of file>";
            if (!left.equals(right)) {
                return "from line " + (i + 1) + ": served `" + left + "`, checked in `" + right + "`";
            }
        }
        return "in line endings or a final newline";
    }
}
