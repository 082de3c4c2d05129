package dev.kycsandbox.api;

import java.security.SecureRandom;

/**
 * connectFi-shaped ids: a prefix, {@code _}, and 22 base62 characters from SecureRandom
 * (about 131 bits), so ids are unguessable and never sequential.
 */
public final class Ids {

    public static final String INDIVIDUAL_CUSTOMER = "cstap";
    public static final String BUSINESS_CUSTOMER = "cstab";
    public static final String KYC_SESSION = "kyc";
    public static final String DOCUMENT_SLOT = "doc";
    public static final String SEPARATE_DOCUMENT = "sdoc";
    public static final String SANDBOX_USER = "usr";
    public static final String BLOB = "blob";

    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newId(String prefix) {
        return prefix + "_" + randomBase62(22);
    }

    /** Random base62 text; used for ids and, longer, for secrets such as tokens. */
    public static String randomBase62(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = BASE62[RANDOM.nextInt(62)];
        }
        return new String(out);
    }
}
