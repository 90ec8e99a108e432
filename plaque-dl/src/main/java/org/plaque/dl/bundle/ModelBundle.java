package org.plaque.dl.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.plaque.InvalidInputException;
import org.plaque.io.OutputDirectory;

/**
 * A trained model on disk: a folder (or a {@code .zip} of one, read only) holding {@code model.json} (a
 * {@link ModelJson}) and the weights files it lists, each with its SHA-256 (MONAI-bundle style metadata).
 *
 * <p><b>Opening</b> ({@link #open}) reads {@code model.json} (at most {@link #MAX_MODEL_JSON_BYTES}), checks every
 * rule of {@link ModelJson#validate()} and then the SHA-256 of every weights file, all before anything is handed to
 * a network; every failure is an {@link InvalidInputException} with one line starting {@code model bundle <path>:}.
 * {@link #weights(String)} reads a file again and checks its checksum once more, so a file changed after opening is
 * refused rather than loaded. In a zip, {@code model.json} may sit at the top or inside one top-level folder; the
 * archive is refused if any entry name is absolute or contains {@code ..} or a backslash, if a name repeats, or if
 * it has more than {@link #MAX_ZIP_ENTRIES} entries. Weights files are at most {@link #MAX_WEIGHTS_BYTES} each.
 *
 * <p><b>Writing</b> ({@link #write}, {@link #writeFromFiles}) computes the checksums, validates the card and
 * writes the weights and then {@code model.json} into the folder through {@link OutputDirectory}: each file
 * atomically, {@code model.json} last (a reader never sees a card whose weights are not complete), and on failure
 * the files written by the call are removed.
 */
public final class ModelBundle {
    /** Name of the model card inside a bundle. */
    public static final String MODEL_JSON = "model.json";
    /** Largest {@code model.json} read. */
    public static final long MAX_MODEL_JSON_BYTES = 1L << 20;
    /** Largest weights file read (the whole file is held in memory). */
    public static final long MAX_WEIGHTS_BYTES = 1L << 30;
    /** Most entries a bundle zip may have. */
    public static final int MAX_ZIP_ENTRIES = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setSerializationInclusion(JsonInclude.Include.NON_NULL)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path source;
    private final ModelJson model;
    /** Entry-name prefix of the bundle folder inside a zip ("" at the top), or null for a folder. */
    private final String zipPrefix;

    private ModelBundle(Path source, ModelJson model, String zipPrefix) {
        this.source = source;
        this.model = model;
        this.zipPrefix = zipPrefix;
    }

    /**
     * Opens and verifies a bundle folder or zip.
     *
     * @throws InvalidInputException (one line, naming the bundle) if it is missing or unreadable, {@code
     *                               model.json} is invalid, a weights file is missing, too large or fails its
     *                               checksum, or the zip is unsafe
     */
    public static ModelBundle open(Path dirOrZip) {
        String where = "model bundle " + dirOrZip;
        try {
            ModelBundle bundle;
            if (Files.isDirectory(dirOrZip)) {
                Path card = dirOrZip.resolve(MODEL_JSON);
                if (!Files.isRegularFile(card)) {
                    throw new InvalidInputException(where + ": no " + MODEL_JSON + " in the folder");
                }
                if (Files.size(card) > MAX_MODEL_JSON_BYTES) {
                    throw new InvalidInputException(where + ": " + MODEL_JSON + " is larger than "
                        + MAX_MODEL_JSON_BYTES + " bytes");
                }
                bundle = new ModelBundle(dirOrZip, parse(Files.readAllBytes(card), where), null);
            } else if (Files.isRegularFile(dirOrZip)) {
                try (ZipFile zip = new ZipFile(dirOrZip.toFile())) {
                    String prefix = checkZip(zip, where);
                    byte[] card = readEntry(zip, prefix + MODEL_JSON, MAX_MODEL_JSON_BYTES, where);
                    bundle = new ModelBundle(dirOrZip, parse(card, where), prefix);
                } catch (ZipException e) {
                    throw new InvalidInputException(where + ": not a folder or a readable zip archive ("
                        + e.getMessage() + ")");
                }
            } else {
                throw new InvalidInputException(where + ": does not exist (expected a folder or a .zip file)");
            }
            for (String file : bundle.model.weightsFileNames()) {
                bundle.verifiedBytes(file);
            }
            return bundle;
        } catch (IOException e) {
            throw new InvalidInputException(where + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The folder or zip the bundle was opened from. */
    public Path source() {
        return source;
    }

    /** The validated model card. */
    public ModelJson model() {
        return model;
    }

    /**
     * The bytes of one weights file, read now and checked against its SHA-256.
     *
     * @param file a name listed in {@code model.json}'s {@code weights}
     * @throws IllegalArgumentException if the card does not list {@code file}
     * @throws InvalidInputException    if the file is gone, unreadable, too large or changed since it was written
     */
    public byte[] weights(String file) {
        if (!model.weightsFileNames().contains(file)) {
            throw new IllegalArgumentException("model bundle " + source + " has no weights file " + file + " (it has "
                + String.join(", ", model.weightsFileNames()) + ")");
        }
        try {
            return verifiedBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("model bundle " + source + ": " + file + " cannot be read ("
                + e.getMessage() + ")", e);
        }
    }

    /** The first (or only) weights file's bytes, checked; see {@link #weights(String)}. */
    public byte[] weights() {
        return weights(model.weights().get(0).file());
    }

    /** A stream over {@link #weights(String)}, for loaders that read streams. */
    public InputStream openWeights(String file) {
        return new ByteArrayInputStream(weights(file));
    }

    /**
     * Checks that a subject has every input channel the model needs and returns where each of the model's
     * channels is in the subject's list (channel names compare case-insensitively).
     *
     * @param availableChannels the modalities the subject has, e.g. {@code ["FLAIR", "T2"]}
     * @return for each model channel in order, its index in {@code availableChannels}
     * @throws InvalidInputException e.g. "model bundle m: the model needs FLAIR, T1; the subject has FLAIR
     *                               (missing T1)"
     */
    public int[] checkSubject(List<String> availableChannels) {
        List<String> needed = model.inputChannels();
        int[] order = new int[needed.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < needed.size(); c++) {
            order[c] = -1;
            for (int a = 0; a < availableChannels.size(); a++) {
                if (needed.get(c).equalsIgnoreCase(availableChannels.get(a))) {
                    order[c] = a;
                    break;
                }
            }
            if (order[c] < 0) {
                missing.add(needed.get(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException("model bundle " + source + ": the model needs " + String.join(", ", needed)
                + "; the subject has " + (availableChannels.isEmpty() ? "none" : String.join(", ", availableChannels))
                + " (missing " + String.join(", ", missing) + ")");
        }
        return order;
    }

    /**
     * Writes a bundle from weights held in memory.
     *
     * @param dir     the bundle folder (created if needed; existing files of the same names are replaced)
     * @param model   the card; its {@code weights} entries may omit the checksums (filled in here) and give roles;
     *                if it lists any, they must be exactly the keys of {@code weights}
     * @param weights file name → content, written in the card's order (or this map's order if the card lists none)
     * @return the card as written, with checksums
     * @throws InvalidInputException if the card is invalid
     * @throws IOException           if writing fails (the files this call wrote are removed)
     */
    public static ModelJson write(Path dir, ModelJson model, Map<String, byte[]> weights) throws IOException {
        Map<String, String> sha = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : weights.entrySet()) {
            sha.put(e.getKey(), Sha256.of(e.getValue()));
        }
        ModelJson card = withChecksums(model, sha);
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            for (ModelJson.WeightsFile w : card.weights()) {
                byte[] data = weights.get(w.file());
                out.write(w.file(), o -> o.write(data));
            }
            writeCard(out, card);
            out.commit();
        }
        return card;
    }

    /**
     * Writes a bundle by copying weights files, hashing them on the way; otherwise as {@link #write}. The
     * checksums are those of the bytes copied.
     */
    public static ModelJson writeFromFiles(Path dir, ModelJson model, Map<String, Path> weights) throws IOException {
        for (String name : weights.keySet()) {
            ModelJson.requirePlainFileName(name);
        }
        Map<String, String> placeholder = new LinkedHashMap<>();
        for (String name : weights.keySet()) {
            placeholder.put(name, "0".repeat(64));
        }
        ModelJson order = withChecksums(model, placeholder);
        Map<String, String> sha = new LinkedHashMap<>();
        try (OutputDirectory out = OutputDirectory.open(dir)) {
            for (ModelJson.WeightsFile w : order.weights()) {
                Path from = weights.get(w.file());
                MessageDigest md = Sha256.newDigest();
                out.write(w.file(), o -> copyHashing(from, o, md));
                sha.put(w.file(), Sha256.hex(md.digest()));
            }
            ModelJson card = withChecksums(model, sha);
            writeCard(out, card);
            out.commit();
            return card;
        }
    }

    /** The card as JSON text (what {@link #write} stores in {@code model.json}). */
    public static String toJson(ModelJson model) {
        try {
            return MAPPER.writeValueAsString(model);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("model card cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses and validates a card from JSON text.
     *
     * @throws InvalidInputException one line starting "model.json:" if it is not valid
     */
    public static ModelJson parseJson(byte[] json) {
        return parse(json, null);
    }

    private static void writeCard(OutputDirectory out, ModelJson card) throws IOException {
        byte[] json = (toJson(card) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(MODEL_JSON, o -> o.write(json));
    }

    private static void copyHashing(Path from, OutputStream to, MessageDigest md) throws IOException {
        try (InputStream in = Files.newInputStream(from)) {
            byte[] buf = new byte[BUFFER_BYTES];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                to.write(buf, 0, n);
            }
        }
    }

    /** The card with one weights entry per key of {@code sha} (card order and roles kept), validated. */
    private static ModelJson withChecksums(ModelJson model, Map<String, String> sha) {
        List<ModelJson.WeightsFile> entries = new ArrayList<>();
        if (model.weights().isEmpty()) {
            for (Map.Entry<String, String> e : sha.entrySet()) {
                entries.add(new ModelJson.WeightsFile(e.getKey(), e.getValue(), null));
            }
        } else {
            Set<String> listed = new HashSet<>();
            for (ModelJson.WeightsFile w : model.weights()) {
                if (!sha.containsKey(w.file())) {
                    throw new InvalidInputException("model.json lists weights file " + w.file()
                        + " but no content was given for it");
                }
                listed.add(w.file());
                entries.add(new ModelJson.WeightsFile(w.file(), sha.get(w.file()), w.role()));
            }
            for (String name : sha.keySet()) {
                if (!listed.contains(name)) {
                    throw new InvalidInputException("weights file " + name + " is not listed in model.json");
                }
            }
        }
        ModelJson card = model.withWeights(entries);
        card.validate();
        return card;
    }

    private static ModelJson parse(byte[] json, String where) {
        String prefix = where == null ? "" : where + ": ";
        ModelJson card;
        try {
            card = MAPPER.readValue(json, ModelJson.class);
        } catch (MismatchedInputException e) {
            throw new InvalidInputException(prefix + MODEL_JSON + ": wrong type at \"" + path(e) + "\" ("
                + firstLine(e.getOriginalMessage()) + ")");
        } catch (JacksonException e) {
            throw new InvalidInputException(prefix + MODEL_JSON + ": not valid JSON ("
                + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new InvalidInputException(prefix + MODEL_JSON + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (card == null) {
            throw new InvalidInputException(prefix + MODEL_JSON + ": must hold a JSON object");
        }
        try {
            card.validate();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(prefix + e.getMessage());
        }
        return card;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Reads a weights file (bounded) and checks its checksum against the card. */
    private byte[] verifiedBytes(String file) throws IOException {
        String where = "model bundle " + source;
        byte[] data;
        if (zipPrefix == null) {
            Path p = source.resolve(file);
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(where + ": weights file " + file + " is missing");
            }
            if (Files.size(p) > MAX_WEIGHTS_BYTES) {
                throw new InvalidInputException(where + ": weights file " + file + " is larger than "
                    + MAX_WEIGHTS_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(p)) {
                data = readBounded(in, MAX_WEIGHTS_BYTES, where + ": weights file " + file);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException(where + ": weights file " + file + " is missing");
            }
        } else {
            try (ZipFile zip = new ZipFile(source.toFile())) {
                data = readEntry(zip, zipPrefix + file, MAX_WEIGHTS_BYTES, where);
            }
        }
        String expected = model.weights().stream().filter(w -> w.file().equals(file)).findFirst().orElseThrow()
            .sha256();
        String found = Sha256.of(data);
        if (!found.equals(expected)) {
            throw new InvalidInputException(where + ": " + file + " sha256 mismatch (expected " + expected + ", found "
                + found + ")");
        }
        return data;
    }

    /**
     * Checks every entry name and returns the prefix of the folder holding model.json ("" or "name/").
     */
    private static String checkZip(ZipFile zip, String where) {
        if (zip.size() > MAX_ZIP_ENTRIES) {
            throw new InvalidInputException(where + ": zip has " + zip.size() + " entries, more than "
                + MAX_ZIP_ENTRIES);
        }
        Set<String> names = new HashSet<>();
        List<String> cards = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (!isSafeEntryName(name)) {
                throw new InvalidInputException(where + ": zip entry \"" + name + "\" is not a safe relative path"
                    + " (absolute, \"..\" or backslash)");
            }
            if (!names.add(name)) {
                throw new InvalidInputException(where + ": zip entry \"" + name + "\" occurs twice");
            }
            String[] parts = name.split("/", -1);
            if (parts[parts.length - 1].equals(MODEL_JSON) && parts.length <= 2) {
                cards.add(name);
            }
        }
        if (cards.isEmpty()) {
            throw new InvalidInputException(where + ": no " + MODEL_JSON + " at the top of the zip or in one"
                + " top-level folder");
        }
        if (cards.size() > 1) {
            throw new InvalidInputException(where + ": zip holds several " + MODEL_JSON + " (" + String.join(", ",
                cards) + ")");
        }
        String card = cards.get(0);
        return card.substring(0, card.length() - MODEL_JSON.length());
    }

    private static boolean isSafeEntryName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
            || (name.length() >= 2 && name.charAt(1) == ':')) {
            return false;
        }
        for (String part : name.split("/", -1)) {
            if (part.equals("..") || part.equals(".")) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readEntry(ZipFile zip, String name, long limit, String where) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null || e.isDirectory()) {
            String shown = name.lastIndexOf('/') >= 0 ? name.substring(name.lastIndexOf('/') + 1) : name;
            throw new InvalidInputException(where + ": " + (shown.equals(MODEL_JSON) ? "" : "weights file ")
                + shown + " is missing from the zip");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return readBounded(in, limit, where + ": " + name);
        }
    }

    /** Reads a stream, refusing more than {@code limit} bytes whatever sizes an archive declares. */
    private static byte[] readBounded(InputStream in, long limit, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[BUFFER_BYTES];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new InvalidInputException(what + " is larger than " + limit + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "ModelBundle[" + source + ", " + model.name() + " (" + model.architecture() + "), "
            + model.inputChannels().stream().map(c -> c.toUpperCase(Locale.ROOT)).toList() + "]";
    }
}
