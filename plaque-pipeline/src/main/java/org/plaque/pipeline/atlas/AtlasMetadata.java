package org.plaque.pipeline.atlas;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.plaque.InvalidInputException;
import org.plaque.io.AtomicFiles;

/**
 * The description of an atlas, stored as {@code atlas.json} in its folder.
 *
 * <pre>{@code
 * {
 *   "format_version": 1,
 *   "name": "mni_icbm152_nlin_sym_09a",
 *   "version": "ICBM 2009a nonlinear symmetric",
 *   "space": "MNI ICBM152 2009a nonlinear symmetric, RAS+ mm",
 *   "source": "https://www.bic.mni.mcgill.ca/~vfonov/icbm/2009/mni_icbm152_nlin_sym_09a_nifti.zip",
 *   "installed_from": "/data/mni_icbm152_nlin_sym_09a_nifti.zip",
 *   "archive_sha256": "…",
 *   "license": "MNI/McGill notice: free use, copy, modify, distribute; keep the notice (LICENSE.txt)",
 *   "license_files": ["LICENSE.txt"],
 *   "citations": ["V.S. Fonov, …"],
 *   "files": {"t1.nii.gz": {"sha256": "…", "source_file": "mni_icbm152_t1_tal_nlin_sym_09a.nii"}, …}
 * }
 * }</pre>
 *
 * <p>Only {@code name} is required; absent texts are null and absent lists empty. {@code files} maps the
 * canonical image names to their SHA-256 checksums (and the source file each was installed from); {@link
 * Atlas#load} verifies them. Unknown keys are ignored so that later versions can add some; a larger {@code
 * format_version} than {@value #FORMAT_VERSION} is refused.
 *
 * @param name the atlas's name (also its folder name when installed)
 * @param version the atlas's version, or null
 * @param space the coordinate space, or null
 * @param source where the data were published (URL or description), or null
 * @param installedFrom what {@code plaque atlas install} read (folder, zip or URL), or null
 * @param archiveSha256 checksum of the zip archive installed from, or null
 * @param license a one-line licence summary, or null
 * @param licenseFiles licence texts kept in the atlas folder
 * @param citations references to cite when publishing results obtained with the atlas
 * @param files checksum (and source file) of each canonical image, keyed by file name
 */
public record AtlasMetadata(String name, String version, String space, String source, String installedFrom,
                            String archiveSha256, String license, List<String> licenseFiles,
                            List<String> citations, Map<String, FileEntry> files) {
    /** The {@code format_version} this class writes and the largest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One image of the atlas.
     *
     * @param sha256 SHA-256 of the file as stored in the atlas folder
     * @param sourceFile the file it was installed from (relative to the source), or null
     */
    public record FileEntry(String sha256, String sourceFile) {
        /** Checks the checksum's form. */
        public FileEntry {
            if (!Sha256.isCanonical(sha256)) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
            }
        }
    }

    /** Validates and freezes the fields. */
    public AtlasMetadata {
        Objects.requireNonNull(name, "name");
        licenseFiles = List.copyOf(licenseFiles == null ? List.of() : licenseFiles);
        citations = List.copyOf(citations == null ? List.of() : citations);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files == null ? Map.of() : files));
    }

    /** The same description with other file entries. */
    public AtlasMetadata withFiles(Map<String, FileEntry> newFiles) {
        return new AtlasMetadata(name, version, space, source, installedFrom, archiveSha256, license, licenseFiles,
            citations, newFiles);
    }

    /**
     * Reads {@code dir/atlas.json} if it exists.
     *
     * @throws InvalidInputException if it exists but is not a valid description
     */
    public static Optional<AtlasMetadata> readIfPresent(Path dir) {
        Path file = dir.resolve(AtlasLayout.METADATA_FILE);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /**
     * Reads a description file.
     *
     * @throws InvalidInputException naming the file when it cannot be read or is not a valid description
     */
    public static AtlasMetadata read(Path file) {
        try {
            return fromJson(MAPPER.readTree(Files.readAllBytes(file)));
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ": not valid JSON (" + e.getOriginalMessage()
                + "); fix it or delete it (atlas.json is optional)");
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new InvalidInputException(file + ": " + e.getMessage() + "; fix it or delete it (atlas.json is"
                + " optional)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static AtlasMetadata fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("must hold a JSON object");
        }
        JsonNode fv = root.get("format_version");
        if (fv != null && (!fv.canConvertToInt() || fv.asInt() > FORMAT_VERSION)) {
            throw new InvalidInputException("format_version " + fv + " is newer than this Plaque reads ("
                + FORMAT_VERSION + ")");
        }
        String name = text(root, "name");
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("\"name\" is missing");
        }
        Map<String, FileEntry> files = new TreeMap<>();
        JsonNode f = root.get("files");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) {
                throw new InvalidInputException("\"files\" must be an object");
            }
            for (Map.Entry<String, JsonNode> e : f.properties()) {
                String sha = text(e.getValue(), "sha256");
                if (!Sha256.isCanonical(sha)) {
                    throw new InvalidInputException("\"files\".\"" + e.getKey() + "\".\"sha256\" must be 64 lower-case"
                        + " hex digits");
                }
                files.put(e.getKey(), new FileEntry(sha, text(e.getValue(), "source_file")));
            }
        }
        return new AtlasMetadata(name, text(root, "version"), text(root, "space"), text(root, "source"),
            text(root, "installed_from"), text(root, "archive_sha256"), text(root, "license"),
            strings(root, "license_files"), strings(root, "citations"), files);
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node == null ? null : node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException("\"" + key + "\" must be a string");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidInputException("\"" + key + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidInputException("\"" + key + "\" must be a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** The JSON text (pretty, keys in a fixed order, null fields left out, files sorted by name). */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("name", name);
        putIfSet(root, "version", version);
        putIfSet(root, "space", space);
        putIfSet(root, "source", source);
        putIfSet(root, "installed_from", installedFrom);
        putIfSet(root, "archive_sha256", archiveSha256);
        putIfSet(root, "license", license);
        ArrayNode lf = root.putArray("license_files");
        licenseFiles.forEach(lf::add);
        ArrayNode c = root.putArray("citations");
        citations.forEach(c::add);
        ObjectNode fs = root.putObject("files");
        for (Map.Entry<String, FileEntry> e : new TreeMap<>(files).entrySet()) {
            ObjectNode o = fs.putObject(e.getKey());
            o.put("sha256", e.getValue().sha256());
            putIfSet(o, "source_file", e.getValue().sourceFile());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise atlas.json", e);
        }
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** Writes the description atomically to {@code file}. */
    public void write(Path file) throws IOException {
        byte[] bytes = toJson().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }
}
