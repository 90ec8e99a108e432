package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import org.plaque.InvalidInputException;

/**
 * Downloads one file over http(s) into a local file, with a size limit, computing its SHA-256 on the way.
 *
 * <p>Redirects are followed only within one protocol (the JDK's rule, so https never falls back to http).
 * The connection must open within {@value #CONNECT_TIMEOUT_MS} ms and every read must return within
 * {@value #READ_TIMEOUT_MS} ms, so a stalled server ends the install instead of hanging it. Proxies set
 * with the standard {@code https.proxyHost}/{@code http.proxyHost} system properties are used.
 */
final class Downloader {
    static final int CONNECT_TIMEOUT_MS = 30_000;
    static final int READ_TIMEOUT_MS = 60_000;
    private static final int BUFFER_BYTES = 1 << 16;

    private Downloader() {
    }

    /**
     * Downloads {@code uri} into {@code target} (created; must not exist).
     *
     * @return the SHA-256 of the downloaded bytes
     * @throws InvalidInputException when the response is larger than {@code maxBytes}
     * @throws IOException when the server cannot be reached, answers with a status other than 200, or the
     *     transfer breaks off
     */
    static String download(URI uri, Path target, long maxBytes, String userAgent) throws IOException {
        try {
            return transfer(uri, target, maxBytes, userAgent);
        } catch (UnknownHostException e) {
            throw new IOException("cannot download " + uri + ": unknown host " + e.getMessage() + " (no network?"
                + " download the file elsewhere and install it with --from FILE.zip)", e);
        } catch (SocketTimeoutException e) {
            throw new IOException("cannot download " + uri + ": the server did not answer in time (" + e.getMessage()
                + ")", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("cannot download ")) {
                throw e;
            }
            throw new IOException("cannot download " + uri + ": " + e, e);
        }
    }

    private static String transfer(URI uri, Path target, long maxBytes, String userAgent) throws IOException {
        URLConnection c = uri.toURL().openConnection();
        if (!(c instanceof HttpURLConnection http)) {
            throw new IllegalArgumentException("only http and https URLs are downloaded: " + uri);
        }
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setReadTimeout(READ_TIMEOUT_MS);
        http.setInstanceFollowRedirects(true);
        http.setRequestProperty("User-Agent", userAgent);
        try {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IOException("cannot download " + uri + ": the server answered HTTP " + status
                    + (http.getResponseMessage() == null ? "" : " " + http.getResponseMessage()));
            }
            long declared = http.getContentLengthLong();
            if (declared > maxBytes) {
                throw tooLarge(uri, maxBytes);
            }
            MessageDigest md = Sha256.newDigest();
            long total = 0;
            try (InputStream in = http.getInputStream();
                 OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
                byte[] buf = new byte[BUFFER_BYTES];
                for (int n; (n = in.read(buf)) > 0; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw tooLarge(uri, maxBytes);
                    }
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (declared >= 0 && total != declared) {
                throw new IOException("cannot download " + uri + ": the transfer stopped after " + total + " of "
                    + declared + " bytes");
            }
            return Sha256.hex(md.digest());
        } finally {
            http.disconnect();
        }
    }

    private static InvalidInputException tooLarge(URI uri, long maxBytes) {
        return new InvalidInputException(uri + ": the download is larger than the limit of " + maxBytes
            + " bytes; it is refused");
    }
}
