package dev.kycsandbox.customer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One entry of {@code identificationDocuments}; an {@code SSN} value is 9 digits. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
@IdentificationDocument.SsnIsNineDigits
public record IdentificationDocument(@NotBlank @Size(max = 50) String type, @NotBlank @Size(max = 50) String value,
        @Size(max = 3) String issuingCountryCodeA3) {

    static final String SSN = "SSN";

    boolean isSsn() {
        return SSN.equals(type);
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = SsnValidator.class)
    public @interface SsnIsNineDigits {
        String message() default "an SSN value must be 9 digits";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class SsnValidator implements ConstraintValidator<SsnIsNineDigits, IdentificationDocument> {
        @Override
        public boolean isValid(IdentificationDocument document, ConstraintValidatorContext context) {
            if (document == null || !document.isSsn() || document.value() == null || document.value().matches("\\d{9}")) {
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
