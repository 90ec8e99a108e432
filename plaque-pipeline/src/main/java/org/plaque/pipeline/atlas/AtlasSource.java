package org.plaque.pipeline.atlas;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.plaque.InvalidInputException;

/**
 * Where {@link AtlasInstaller} reads an atlas from: a local folder, a local zip archive, or an http(s) URL of
 * a zip archive. Each may hold Plaque's layout or the ICBM 2009a release's files ({@link Icbm2009aRelease}),
 * at the top or inside one folder.
 */
public sealed interface AtlasSource permits AtlasSource.Folder, AtlasSource.Archive, AtlasSource.Download {

    /** A local folder, read in place (never written). */
    record Folder(Path dir) implements AtlasSource {
        @Override
        public String describe() {
            return dir.toAbsolutePath().normalize().toString();
        }
    }

    /** A local zip archive. */
    record Archive(Path zip) implements AtlasSource {
        @Override
        public String describe() {
            return zip.toAbsolutePath().normalize().toString();
        }
    }

    /** A zip archive to download over http or https. */
    record Download(URI uri) implements AtlasSource {
        @Override
        public String describe() {
            return uri.toString();
        }
    }

    /** The source as a person would name it: an absolute path or the URL. */
    String describe();

    /** The publisher's ICBM 2009a nonlinear symmetric release ({@link Icbm2009aRelease#DEFAULT_URL}). */
    static AtlasSource officialRelease() {
        return new Download(Icbm2009aRelease.DEFAULT_URL);
    }

    /**
     * Parses what a person gave as {@code --from}: an {@code http://} or {@code https://} URL, a {@code file:}
     * URL (taken as the local path it names), or a path to a folder or a zip file.
     *
     * @throws IllegalArgumentException for a malformed URL or an unsupported scheme (a usage error)
     * @throws InvalidInputException when the local path does not exist
     */
    static AtlasSource parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
            URI uri;
            try {
                uri = new URI(t);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("malformed URL " + t + ": " + e.getReason());
            }
            if (lower.startsWith("file:")) {
                try {
                    return local(Path.of(uri));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("malformed file URL " + t + " (use file:///absolute/path)");
                }
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("URL " + t + " names no host");
            }
            return new Download(uri);
        }
        if (Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+://").matcher(t).find()) {
            throw new IllegalArgumentException("unsupported URL " + t + ": use http, https or file URLs, or a path");
        }
        return local(Path.of(t));
    }

    private static AtlasSource local(Path p) {
        if (Files.isDirectory(p)) {
            return new Folder(p);
        }
        if (Files.isRegularFile(p)) {
            return new Archive(p);
        }
        throw new InvalidInputException(p + ": no such file or folder (--from takes a folder, a zip file or a URL)");
    }
}
