package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.plaque.InvalidInputException;

/**
 * Installs an atlas into the user's cache ({@link AtlasLocator#atlasesDir()}{@code /NAME}) from a folder,
 * a zip archive or a URL, in Plaque's layout or as the ICBM 2009a release ({@link Icbm2009aRelease}).
 *
 * <p><b>Steps.</b> Everything happens in a hidden temporary folder inside the atlases folder: a download is
 * saved there (size-limited, see {@link InstallLimits}) and its SHA-256 compared with the one given, an
 * archive's checksum is compared likewise and the archive unpacked safely ({@link SafeUnzip}); the source's
 * files are recognised ({@link SourceLayout}) and copied under the canonical names ({@code .nii} files are
 * gzip-compressed, {@code .nii.gz} files copied byte for byte; voxel values are never re-encoded); licence
 * files are copied, or the ICBM notice written; the result is validated with {@link Atlas#load}; {@code
 * atlas.json} is written with the checksum of every image; and only then is the folder renamed into place
 * in one step. With {@code force}, an existing atlas of that name is replaced by a second rename and
 * restored if the first fails. Any failure leaves the cache as it was: the temporary folder is deleted.
 *
 * <p><b>Names.</b> The atlas is named by {@link Options#name()}, else by the source's {@code atlas.json},
 * else {@value Icbm2009aRelease#NAME} for the ICBM release; a Plaque-layout source without {@code
 * atlas.json} needs a name.
 *
 * <p><b>Errors.</b> {@link InvalidInputException} for bad data (checksum mismatch, unsafe or oversized
 * archive, no or an invalid atlas) with one line naming the source file; {@link IllegalArgumentException}
 * for a usage problem (name missing or taken without {@code force}, a checksum given for a folder);
 * {@link IOException} for network and disk failures.
 */
public final class AtlasInstaller {
    private static final String USER_AGENT = "Plaque-atlas-installer (Java " + Runtime.version().feature() + ")";

    private final AtlasLocator locator;
    private final Consumer<String> log;

    /**
     * What to install under which name.
     *
     * @param name the atlas's name, or null to take it from the source
     * @param force whether to replace an installed atlas of the same name
     * @param sha256 expected SHA-256 of the zip archive or download, or null to check none
     * @param limits bounds on downloads and unpacking
     */
    public record Options(String name, boolean force, String sha256, InstallLimits limits) {
        /** No name, no force, no checksum, {@link InstallLimits#DEFAULT}. */
        public static final Options DEFAULTS = new Options(null, false, null, InstallLimits.DEFAULT);

        /**
         * Checks the name and canonicalises the checksum.
         *
         * @throws IllegalArgumentException for an invalid name or checksum
         */
        public Options {
            if (name != null) {
                AtlasLocator.requireValidName(name);
            }
            if (sha256 != null) {
                sha256 = Sha256.parse(sha256);
            }
            Objects.requireNonNull(limits, "limits");
        }

        /** The same options with another name. */
        public Options withName(String n) {
            return new Options(n, force, sha256, limits);
        }

        /** The same options with another force flag. */
        public Options withForce(boolean f) {
            return new Options(name, f, sha256, limits);
        }

        /** The same options with an expected checksum. */
        public Options withSha256(String s) {
            return new Options(name, force, s, limits);
        }

        /** The same options with other limits. */
        public Options withLimits(InstallLimits l) {
            return new Options(name, force, sha256, l);
        }
    }

    /**
     * An installer into {@code locator}'s cache.
     *
     * @param log receives one-line progress messages (download started, checksum, licence notes)
     */
    public AtlasInstaller(AtlasLocator locator, Consumer<String> log) {
        this.locator = Objects.requireNonNull(locator);
        this.log = Objects.requireNonNull(log);
    }

    /** The source's files, unpacked where needed, and how to name them in messages. */
    private record Prepared(Path root, String label, Function<Path, String> display, String archiveSha256) {
    }

    /**
     * Installs the atlas of {@code source}; see the class comment.
     *
     * @return the installed atlas
     * @throws InvalidInputException for bad data; nothing is installed
     * @throws IllegalArgumentException for a usage problem; nothing is installed
     * @throws IOException for network or disk failures; nothing is installed
     */
    public InstalledAtlas install(AtlasSource source, Options options) throws IOException {
        if (options.name() != null) {
            requireAbsentOrForce(options.name(), options.force());
        }
        if (source instanceof AtlasSource.Folder && options.sha256() != null) {
            throw new IllegalArgumentException("--sha256 checks a zip file or a download, not a folder");
        }
        Path atlases = locator.atlasesDir();
        Files.createDirectories(atlases);
        Path staging = Files.createTempDirectory(atlases, ".install-");
        try {
            Prepared prepared = prepare(source, options, staging);
            SourceLayout layout = SourceLayout.detect(prepared.root(), prepared.label(), prepared.display());
            String name = chooseName(options, layout);
            requireAbsentOrForce(name, options.force());
            verifySourceChecksums(layout, prepared.display());
            Path out = Files.createDirectory(staging.resolve("atlas"));
            for (AtlasImage image : AtlasImage.values()) {
                copyImage(layout.images().get(image), AtlasLayout.file(out, image));
            }
            List<String> licenses = copyLicenses(layout, out);
            validate(out, layout, prepared);
            AtlasMetadata metadata = describe(name, layout, source, prepared, licenses, out);
            metadata.write(out.resolve(AtlasLayout.METADATA_FILE));
            Path target = commit(out, staging, name, options.force());
            return new InstalledAtlas(name, target, Optional.of(metadata), List.of());
        } finally {
            deleteRecursively(staging);
        }
    }

    private Prepared prepare(AtlasSource source, Options options, Path staging) throws IOException {
        String label = source.describe();
        if (source instanceof AtlasSource.Folder f) {
            return new Prepared(f.dir(), label, Path::toString, null);
        }
        Path zip;
        String sha;
        if (source instanceof AtlasSource.Download d) {
            log.accept("downloading " + d.uri() + " …");
            zip = staging.resolve("download.zip");
            sha = Downloader.download(d.uri(), zip, options.limits().maxDownloadBytes(), USER_AGENT);
        } else {
            zip = ((AtlasSource.Archive) source).zip();
            sha = Sha256.of(zip);
        }
        if (options.sha256() != null && !options.sha256().equals(sha)) {
            throw new InvalidInputException(label + ": its SHA-256 is " + sha + ", not " + options.sha256()
                + " as given with --sha256; the file is damaged or not the one meant, so nothing was installed");
        }
        if (options.sha256() == null && source instanceof AtlasSource.Download) {
            log.accept("no checksum was given (the publisher publishes none); the download is verified by"
                + " validating its images. Its SHA-256 is " + sha + " (recorded in atlas.json; pass it with"
                + " --sha256 to pin later installs)");
        }
        Path root = Files.createDirectory(staging.resolve("source"));
        SafeUnzip.extract(zip, root, options.limits(), SourceLayout::isWanted, label);
        Path absRoot = root.toAbsolutePath().normalize();
        Function<Path, String> display = p -> {
            Path a = p.toAbsolutePath().normalize();
            return a.startsWith(absRoot) ? label + "!/" + slashes(absRoot.relativize(a)) : p.toString();
        };
        return new Prepared(root, label, display, sha);
    }

    private static String chooseName(Options options, SourceLayout layout) {
        if (options.name() != null) {
            return options.name();
        }
        if (layout.metadata() != null) {
            try {
                return AtlasLocator.requireValidName(layout.metadata().name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the source's atlas.json names the atlas '"
                    + layout.metadata().name() + "', which is not a valid name; name it with --name NAME");
            }
        }
        if (layout.kind() == SourceLayout.Kind.ICBM_2009A) {
            return Icbm2009aRelease.NAME;
        }
        throw new IllegalArgumentException("the source has no atlas.json naming the atlas; name it with --name NAME");
    }

    private void requireAbsentOrForce(String name, boolean force) {
        Optional<Path> existing = locator.find(name);
        if (existing.isPresent() && !force) {
            throw new IllegalArgumentException("atlas '" + name + "' is already installed in " + existing.get()
                + "; add --force to replace it");
        }
    }

    /** A Plaque-layout source's own atlas.json may list checksums: its files must match them. */
    private static void verifySourceChecksums(SourceLayout layout, Function<Path, String> display) throws IOException {
        if (layout.metadata() == null) {
            return;
        }
        for (AtlasImage image : AtlasImage.values()) {
            Path file = layout.images().get(image);
            AtlasMetadata.FileEntry entry = layout.metadata().files().get(file.getFileName().toString());
            if (entry != null && !entry.sha256().equals(Sha256.of(file))) {
                throw new InvalidInputException(display.apply(file) + ": does not match the SHA-256 listed in its"
                    + " atlas.json (" + entry.sha256() + "); the source is damaged, so nothing was installed");
            }
        }
    }

    /** Copies a .nii.gz byte for byte; gzip-compresses a .nii (recognised by content, not by name). */
    private static void copyImage(Path from, Path to) throws IOException {
        if (isGzip(from)) {
            copyBytes(from, to);
            return;
        }
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(to, StandardOpenOption.CREATE_NEW,
                 StandardOpenOption.WRITE), 1 << 16)) {
            in.transferTo(out);
        }
    }

    /**
     * Copies content only: {@link Files#copy} would carry over the source's permissions, and a read-only
     * source (a shared data folder) would give a read-only installed atlas.
     */
    private static void copyBytes(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(out);
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private List<String> copyLicenses(SourceLayout layout, Path out) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Path p : layout.licenseFiles()) {
            files.putIfAbsent(p.getFileName().toString(), p);
        }
        if (layout.metadata() != null) {
            for (String n : layout.metadata().licenseFiles()) {
                Path p = layout.imageDir().resolve(n).normalize();
                // Only plain file names beside the images: atlas.json must not pull files from elsewhere.
                if (!n.contains("/") && !n.contains("\\") && p.getParent() != null
                    && p.getParent().equals(layout.imageDir().normalize()) && Files.isRegularFile(p)
                    && !isReservedName(n)) {
                    files.putIfAbsent(n, p);
                }
            }
        }
        for (Map.Entry<String, Path> e : files.entrySet()) {
            copyBytes(e.getValue(), out.resolve(e.getKey()));
        }
        List<String> names = new ArrayList<>(files.keySet());
        if (names.isEmpty() && layout.kind() == SourceLayout.Kind.ICBM_2009A) {
            Files.writeString(out.resolve(AtlasLayout.LICENSE_FILE), Icbm2009aRelease.noticeText(),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            names.add(AtlasLayout.LICENSE_FILE);
        } else if (names.isEmpty()) {
            log.accept("note: the source has no licence file; check the atlas's terms of use before sharing it or"
                + " results made with it");
        }
        return names;
    }

    private static boolean isReservedName(String n) {
        if (n.equals(AtlasLayout.METADATA_FILE)) {
            return true;
        }
        for (AtlasImage image : AtlasImage.values()) {
            if (n.equals(image.fileName())) {
                return true;
            }
        }
        return false;
    }

    /** Validates the copied atlas; messages name the source's files instead of the temporary copies. */
    private static void validate(Path out, SourceLayout layout, Prepared prepared) {
        try {
            Atlas.load(out);
        } catch (InvalidInputException e) {
            String msg = e.getMessage();
            for (AtlasImage image : AtlasImage.values()) {
                msg = msg.replace(AtlasLayout.file(out, image).toString(),
                    prepared.display().apply(layout.images().get(image)));
            }
            msg = msg.replace(out.toString(), prepared.label());
            throw new InvalidInputException("cannot install the atlas: " + msg + "; nothing was installed", e);
        }
    }

    private static AtlasMetadata describe(String name, SourceLayout layout, AtlasSource source, Prepared prepared,
                                          List<String> licenses, Path out) throws IOException {
        Map<String, AtlasMetadata.FileEntry> files = new LinkedHashMap<>();
        Path root = prepared.root().toAbsolutePath().normalize();
        for (AtlasImage image : AtlasImage.values()) {
            Path from = layout.images().get(image).toAbsolutePath().normalize();
            files.put(image.fileName(), new AtlasMetadata.FileEntry(Sha256.of(AtlasLayout.file(out, image)),
                slashes(root.relativize(from))));
        }
        String installedFrom = source.describe();
        if (layout.kind() == SourceLayout.Kind.ICBM_2009A) {
            return new AtlasMetadata(name, Icbm2009aRelease.VERSION, Icbm2009aRelease.SPACE,
                "McConnell Brain Imaging Centre, McGill University: " + Icbm2009aRelease.HOMEPAGE, installedFrom,
                prepared.archiveSha256(), Icbm2009aRelease.LICENSE, licenses, Icbm2009aRelease.CITATIONS, files);
        }
        AtlasMetadata src = layout.metadata();
        if (src == null) {
            return new AtlasMetadata(name, null, null, installedFrom, installedFrom, prepared.archiveSha256(),
                licenses.isEmpty() ? null : "see " + String.join(", ", licenses), licenses, List.of(), files);
        }
        return new AtlasMetadata(name, src.version(), src.space(), src.source() != null ? src.source() : installedFrom,
            installedFrom, prepared.archiveSha256(), src.license(), licenses, src.citations(), files);
    }

    /** Renames the finished folder into place, replacing (with force) and restoring on failure. */
    private Path commit(Path out, Path staging, String name, boolean force) throws IOException {
        Path target = locator.directoryOf(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!force) {
                throw new IllegalArgumentException("atlas '" + name + "' is already installed in " + target
                    + "; add --force to replace it");
            }
            // The old atlas moves into the temporary folder, which is deleted afterwards.
            Path previous = staging.resolve("previous");
            move(target, previous);
            try {
                move(out, target);
            } catch (IOException e) {
                move(previous, target);
                throw e;
            }
        } else {
            move(out, target);
        }
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " in one step on this file system", e);
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    /** Deletes a folder tree without following links. */
    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
