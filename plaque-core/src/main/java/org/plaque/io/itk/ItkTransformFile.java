package org.plaque.io.itk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plaque.InvalidInputException;
import org.plaque.io.AtomicFiles;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.Transform;

/**
 * Reads and writes ITK text transform files ({@code #Insight Transform File V1.0}), converting between
 * ITK's LPS frame and Plaque's RAS world at this edge (see the package documentation).
 *
 * <p><b>Types</b> (the {@code _double_3_3} and, when reading, {@code _float_3_3} variants):
 * {@code AffineTransform} and {@code MatrixOffsetTransformBase} → {@link
 * org.plaque.registration.transform.AffineTransform}; {@code Euler3DTransform} (3 or 4 fixed parameters: centre
 * and ITK's ComputeZYX flag) → {@link org.plaque.registration.transform.EulerTransform};
 * {@code Similarity3DTransform} → {@link org.plaque.registration.transform.SimilarityTransform};
 * {@code TranslationTransform} → {@link org.plaque.registration.transform.TranslationTransform};
 * {@code BSplineTransform} (ITKv4: fixed parameters grid size, origin, spacing, direction row by row) →
 * {@link org.plaque.registration.transform.BSplineTransform}; read only: {@code VersorRigid3DTransform} →
 * an equal {@code EulerTransform}, {@code IdentityTransform} → an identity {@code AffineTransform}. A file
 * that starts with {@code CompositeTransform} holds that composite's transforms in ITK order (the last is
 * applied first) and is read as a {@link CompositeTransform}.
 *
 * <p><b>Writing</b> uses {@code _double_3_3}, the shortest decimal that reads back to the same double,
 * and {@link AtomicFiles}. Linear transforms of other classes are written as {@code AffineTransform}s;
 * nested composites are flattened.
 *
 * <p>Malformed files (unknown entries or types, wrong parameter counts, non-numbers, a B-spline grid
 * that does not fit its parameters, several transforms without a composite) raise an
 * {@link InvalidInputException} with one line naming the file and line.
 */
public final class ItkTransformFile {
    /** Files larger than this are refused before reading (a B-spline of 20 million parameters fits). */
    public static final long MAX_FILE_BYTES = 512L << 20;
    private static final String HEADER = "#Insight Transform File V1.0";

    private ItkTransformFile() {
    }

    /**
     * Reads a transform file.
     *
     * @return the transform (a {@link CompositeTransform} for composite files)
     * @throws InvalidInputException if the file is missing, unreadable, too large or malformed
     */
    public static Transform read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(file + ": transform file of " + size + " bytes is larger than the "
                    + "limit of " + MAX_FILE_BYTES + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                text = new String(in.readNBytes((int) MAX_FILE_BYTES), StandardCharsets.ISO_8859_1);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read transform file: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses the text of a transform file; {@code source} names it in error messages.
     *
     * @throws InvalidInputException if the text is malformed
     */
    public static Transform parse(String text, String source) {
        List<RawTransform> raw = ItkTransformParser.parse(text, source);
        RawTransform first = raw.get(0);
        if (first.kind().equals("CompositeTransform")) {
            if (first.parameters() != null && first.parameters().length > 0) {
                throw new InvalidInputException(source + ": line " + first.line()
                    + ": a CompositeTransform entry has no Parameters of its own");
            }
            List<Transform> members = new ArrayList<>();
            for (RawTransform r : raw.subList(1, raw.size())) {
                if (r.kind().equals("CompositeTransform")) {
                    throw new InvalidInputException(source + ": line " + r.line()
                        + ": nested CompositeTransform entries are not supported");
                }
                members.add(LpsConversion.toRas(r, source));
            }
            return CompositeTransform.of(members);
        }
        if (raw.size() != 1) {
            throw new InvalidInputException(source + ": holds " + raw.size() + " transforms; expected one, or a "
                + "CompositeTransform followed by its transforms");
        }
        return LpsConversion.toRas(first, source);
    }

    /**
     * Writes {@code transform} atomically.
     *
     * @throws IllegalArgumentException if a transform has no ITK counterpart
     * @throws IOException if writing fails (then {@code file} is left as it was)
     */
    public static void write(Transform transform, Path file) throws IOException {
        byte[] bytes = format(transform).getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The text of a transform file holding {@code transform}.
     *
     * @throws IllegalArgumentException if a transform has no ITK counterpart
     */
    public static String format(Transform transform) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        if (transform instanceof CompositeTransform c) {
            sb.append("#Transform 0\nTransform: CompositeTransform_double_3_3\n");
            int i = 1;
            for (Transform t : c.transforms()) {
                append(sb, i++, LpsConversion.toLps(t));
            }
        } else {
            append(sb, 0, LpsConversion.toLps(transform));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, int index, RawTransform raw) {
        sb.append("#Transform ").append(index).append('\n');
        sb.append("Transform: ").append(raw.typeName()).append('\n');
        sb.append("Parameters:");
        numbers(sb, raw.parameters());
        sb.append("\nFixedParameters:");
        numbers(sb, raw.fixedParameters());
        sb.append('\n');
    }

    private static void numbers(StringBuilder sb, double[] v) {
        for (double d : v) {
            sb.append(' ').append(number(d));
        }
    }

    /** Shortest round-trip decimal; whole numbers without ".0" (as ITK writes them). */
    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }
}
