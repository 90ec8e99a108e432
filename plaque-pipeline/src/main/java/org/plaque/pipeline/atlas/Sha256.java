package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 checksums of files, as 64 lower-case hexadecimal digits (the form {@code sha256sum} prints). */
public final class Sha256 {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER_BYTES = 1 << 16;

    private Sha256() {
    }

    /** The checksum of a file's bytes. */
    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER_BYTES];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return hex(md.digest());
    }

    /**
     * A checksum given by a person, in canonical form (lower case, surrounding blanks removed).
     *
     * @throws IllegalArgumentException unless it is 64 hexadecimal digits
     */
    public static String parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (!HEX64.matcher(s).matches()) {
            throw new IllegalArgumentException("a SHA-256 checksum is 64 hexadecimal digits, not '" + text + "'");
        }
        return s;
    }

    /** Whether {@code text} is a checksum in canonical form. */
    static boolean isCanonical(String text) {
        return text != null && HEX64.matcher(text).matches();
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
