package org.plaque.dl.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 checksums as 64 lower-case hexadecimal digits (the form {@code sha256sum} prints). */
final class Sha256 {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    static String of(byte[] data) {
        return hex(newDigest().digest(data));
    }

    static boolean isCanonical(String s) {
        return s != null && HEX64.matcher(s).matches();
    }
}
