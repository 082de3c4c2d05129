package dev.kycsandbox.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void shouldBeLiveWithoutCredentials() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldBeReadyWhenDatabaseAndStorageAreUsable() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Document storage", "Database connections health check"))
                .body("checks.find { it.name == 'Document storage' }.data.freeBytes", org.hamcrest.Matchers.notNullValue());
    }
}
