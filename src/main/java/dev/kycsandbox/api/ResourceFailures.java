package dev.kycsandbox.api;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.jboss.logging.Logger;

/**
 * Tells the failures of the sandbox's own resources, which a client should retry later, from
 * bugs: whatever layer wrapped them (Hibernate, the transaction manager, the storage), the cause
 * chain still holds the JDBC or file-system error.
 */
final class ResourceFailures {

    /** ENOSPC and EDQUOT as the JDK reports them. */
    private static final String[] NO_SPACE = { "No space left on device", "Disk quota exceeded" };
    /**
     * SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server is shutting down,
     * crashed, or not accepting connections yet).
     */
    private static final String CONNECTION_CLASS = "08";
    private static final String[] SERVER_GONE = { "57P01", "57P02", "57P03" };
    /** The pool's answer when no connection could be had in time (Agroal gives it no SQLSTATE). */
    private static final String ACQUISITION_TIMEOUT = "acquisition timeout";

    private ResourceFailures() {
    }

    /**
     * The code to answer {@code failure} with, logged: a resource failure as a one-line warning
     * (it is the environment's, not a bug), anything else with its stack trace.
     */
    static ErrorCode classifyAndLog(Throwable failure, String requestId, Logger log) {
        ErrorCode code = failure == null ? ErrorCode.INTERNAL_ERROR : classify(failure);
        if (code == ErrorCode.INTERNAL_ERROR) {
            log.errorf(failure, "Unexpected failure, requestId=%s", requestId);
        } else {
            log.warnf("%s, requestId=%s: %s", code.message(), requestId, rootCause(failure));
        }
        return code;
    }

    /** {@link ErrorCode#DATABASE_UNAVAILABLE}, {@link ErrorCode#STORAGE_FULL}, or {@link ErrorCode#INTERNAL_ERROR}. */
    static ErrorCode classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && databaseUnreachable(sql)) {
                return ErrorCode.DATABASE_UNAVAILABLE;
            }
            if (t instanceof IOException && t.getMessage() != null && containsAny(t.getMessage(), NO_SPACE)) {
                return ErrorCode.STORAGE_FULL;
            }
        }
        return ErrorCode.INTERNAL_ERROR;
    }

    private static String rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }

    private static boolean databaseUnreachable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith(CONNECTION_CLASS) || containsAny(state, SERVER_GONE))
                || e.getMessage() != null && e.getMessage().toLowerCase().contains(ACQUISITION_TIMEOUT);
    }

    private static boolean containsAny(String text, String[] needles) {
        for (String needle : needles) {
            if (text.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
