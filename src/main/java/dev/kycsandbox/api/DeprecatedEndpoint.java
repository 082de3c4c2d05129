package dev.kycsandbox.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks connectFi's deprecated endpoints ({@code /customer/kyc/*}, {@code /document/*}): their
 * responses, errors included, carry {@code Deprecation} and, where {@link #successor()} names the
 * Akepa equivalent, {@code Link: <…>; rel="successor-version"} (see {@link DeprecationHeaders}).
 * Put it on the resource class for the family and on each method with its successor.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface DeprecatedEndpoint {

    String AKEPA_IDENTIFICATION = "/akepa/identification";
    String AKEPA_STATUS = "/akepa/status";
    String AKEPA_UPDATE = "/akepa/update";
    String AKEPA_DOCUMENT_GENERATE = "/akepa/document/generate";
    /** {@code {documentId}} is replaced by the request's own path parameter of that name. */
    String AKEPA_DOCUMENT_UPLOAD = "/akepa/document/upload/{documentId}";

    /**
     * The path of the Akepa endpoint that replaces this one on connectFi; a {@code {name}} in it
     * takes the value of the request's path parameter {@code name}. Empty: no {@code Link}.
     */
    String successor() default "";
}
