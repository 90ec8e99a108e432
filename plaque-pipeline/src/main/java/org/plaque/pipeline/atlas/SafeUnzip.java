package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.plaque.InvalidInputException;

/**
 * Unpacks selected files of a zip archive into a folder without trusting the archive.
 *
 * <p>Every entry name is checked before anything is written: absolute names, drive letters, {@code ..}
 * segments, backslash-separated escapes and NUL characters are refused for the whole archive ("zip slip"),
 * even in entries that would not be unpacked. Sizes are counted on the bytes actually inflated, so an
 * archive that lies about its sizes (a zip bomb) stops at {@link InstallLimits#maxExtractedBytes()}. Only
 * regular files are written (zip entries cannot create links here), each with {@code CREATE_NEW}, so a
 * duplicate entry cannot overwrite an earlier one.
 */
final class SafeUnzip {
    private static final int BUFFER_BYTES = 1 << 16;

    private SafeUnzip() {
    }

    /** Whether {@code file} starts like a zip archive (local file header or empty-archive record). */
    static boolean looksLikeZip(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        return head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
    }

    /**
     * Unpacks the entries whose file name (last path segment) {@code wanted} accepts into {@code destination}
     * (an existing empty folder), keeping their relative folders.
     *
     * @param label how to name the archive in messages (its path or URL)
     * @return the unpacked files
     * @throws InvalidInputException when the archive is not a zip, holds an unsafe name, too many entries or
     *     too many bytes, or a duplicate entry; the caller deletes {@code destination}
     */
    static List<Path> extract(Path zip, Path destination, InstallLimits limits, Predicate<String> wanted,
                              String label) throws IOException {
        if (!looksLikeZip(zip)) {
            throw new InvalidInputException(label + ": neither a folder nor a zip archive");
        }
        Path root = destination.toAbsolutePath().normalize();
        List<Path> written = new ArrayList<>();
        try (ZipFile zf = new ZipFile(zip.toFile())) {
            if (zf.size() > limits.maxEntries()) {
                throw new InvalidInputException(label + ": the archive holds " + zf.size() + " entries, more than the"
                    + " limit of " + limits.maxEntries() + "; it is refused");
            }
            List<ZipEntry> entries = new ArrayList<>();
            List<Path> targets = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zf.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                Path target = safeTarget(root, e.getName(), label);
                if (!e.isDirectory() && !target.equals(root) && wanted.test(target.getFileName().toString())) {
                    entries.add(e);
                    targets.add(target);
                }
            }
            long total = 0;
            byte[] buf = new byte[BUFFER_BYTES];
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry e = entries.get(i);
                Path target = targets.get(i);
                Files.createDirectories(target.getParent());
                try (InputStream in = zf.getInputStream(e);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE)) {
                    written.add(target);
                    for (int n; (n = in.read(buf)) > 0; ) {
                        total += n;
                        if (total > limits.maxExtractedBytes()) {
                            throw new InvalidInputException(label + ": unpacking " + e.getName() + " passes the limit"
                                + " of " + limits.maxExtractedBytes() + " bytes; the archive is refused");
                        }
                        out.write(buf, 0, n);
                    }
                } catch (FileAlreadyExistsException ex) {
                    throw new InvalidInputException(label + ": the archive holds " + e.getName() + " twice; it is"
                        + " refused");
                }
            }
        } catch (ZipException e) {
            throw new InvalidInputException(label + ": not a readable zip archive (" + e.getMessage() + ")", e);
        }
        return written;
    }

    /**
     * The path an entry would be unpacked to, after checking that it stays inside {@code root}.
     *
     * @throws InvalidInputException for names that are absolute, carry a drive letter or NUL, or climb out
     */
    static Path safeTarget(Path root, String entryName, String label) {
        String name = entryName.replace('\\', '/');
        boolean unsafe = name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0
            || (name.length() >= 2 && name.charAt(1) == ':');
        if (!unsafe) {
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    unsafe = true;
                    break;
                }
            }
        }
        Path target = null;
        if (!unsafe) {
            target = root.resolve(name).normalize();
            unsafe = !target.startsWith(root);
        }
        if (unsafe) {
            throw new InvalidInputException(label + ": entry '" + entryName.replace("\0", "\\0") + "' would be"
                + " unpacked outside the target folder (zip slip); the archive is refused");
        }
        return target;
    }
}
