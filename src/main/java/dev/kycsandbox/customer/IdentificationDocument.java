package dev.kycsandbox.customer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of {@code identificationDocuments}; an {@code SSN} or {@code FEIN} value is 9 digits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@IdentificationDocument.TaxIdIsNineDigits
public record IdentificationDocument(@NotBlank @Size(max = 50) String type, @NotBlank @Size(max = 50) String value,
        @Pattern(regexp = "^[A-Z]{3}$") String issuanceCountryCodeA3, @Size(max = 50) String issuanceRegion,
        @Pattern(regexp = "^\\d{4}-\\d{2}-\\d{2}$") String expiryDate) {

    static final String SSN = "SSN";
    static final String FEIN = "FEIN";

    boolean isTaxId() {
        return SSN.equals(type) || FEIN.equals(type);
    }

    /** The value of the first document of {@code type} in {@code documents}. */
    static Optional<String> valueOf(List<IdentificationDocument> documents, String type) {
        return documents == null ? Optional.empty()
                : documents.stream().filter(d -> type.equals(d.type())).map(IdentificationDocument::value).findFirst();
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = TaxIdValidator.class)
    public @interface TaxIdIsNineDigits {
        String message() default "an SSN or FEIN value must be 9 digits";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class TaxIdValidator implements ConstraintValidator<TaxIdIsNineDigits, IdentificationDocument> {
        @Override
        public boolean isValid(IdentificationDocument document, ConstraintValidatorContext context) {
            if (document == null || !document.isTaxId() || document.value() == null || document.value().matches("\\d{9}")) {
                return true;
            }
            // reported at the value, where the client has to look
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("value").addConstraintViolation();
            return false;
        }
    }
}
