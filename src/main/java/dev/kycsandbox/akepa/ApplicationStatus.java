package dev.kycsandbox.akepa;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** An Akepa application's status, by connectFi's wire names; {@code completed} is terminal, with an {@link Outcome}. */
public enum ApplicationStatus {
    /** Customer data is missing (date of birth, SSN/FEIN or an address). */
    DATA_REQUEST,
    /** Document images are expected: a passport, or a pair of another identity document. */
    PENDING_STEP_UP,
    /** The sandbox is working on it; nothing to do for the client. */
    RUNNING,
    /** Waiting for a manual review (the admin decision). */
    WAITING_REVIEW,
    COMPLETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApplicationStatus> fromWireName(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }

    /** The column holds the wire name, as the migration's check constraint expects. */
    @Converter
    public static class WireNameConverter implements AttributeConverter<ApplicationStatus, String> {

        @Override
        public String convertToDatabaseColumn(ApplicationStatus status) {
            return status == null ? null : status.wireName();
        }

        @Override
        public ApplicationStatus convertToEntityAttribute(String column) {
            return column == null ? null : fromWireName(column).orElseThrow(
                    () -> new IllegalStateException("Unknown application status in the database: " + column));
        }
    }
}
