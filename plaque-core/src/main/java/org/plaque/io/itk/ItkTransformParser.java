package org.plaque.io.itk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plaque.InvalidInputException;

/**
 * Splits the text of an ITK transform file into its transforms (ITK's {@code TxtTransformIO} layout): lines
 * {@code Transform: NAME}, {@code Parameters: v …} and {@code FixedParameters: v …}; lines starting with
 * {@code #} (the {@code #Insight Transform File V1.0} header, {@code #Transform N}) and blank lines are
 * skipped. Every problem is an {@link InvalidInputException} naming the source and line.
 */
final class ItkTransformParser {
    private static final Pattern TYPE = Pattern.compile("([A-Za-z][A-Za-z0-9]*)_(double|float)_(\\d+)_(\\d+)");

    private final String source;

    private ItkTransformParser(String source) {
        this.source = source;
    }

    static List<RawTransform> parse(String text, String source) {
        return new ItkTransformParser(source).parse(text);
    }

    private List<RawTransform> parse(String text) {
        List<RawTransform> out = new ArrayList<>();
        String kind = null;
        String scalar = null;
        double[] params = null;
        double[] fixed = null;
        int start = 0;
        int lineNo = 0;
        int transformLine = 0;
        int len = text.length();
        while (start < len) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = len;
            }
            lineNo++;
            String line = text.substring(start, end).strip();
            start = end + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw error(lineNo, "expected 'Transform:', 'Parameters:' or 'FixedParameters:', found '"
                    + abbreviate(line) + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "Transform":
                    if (kind != null) {
                        out.add(new RawTransform(kind, scalar, params, fixed, transformLine));
                    }
                    Matcher m = TYPE.matcher(value);
                    if (!m.matches()) {
                        throw error(lineNo, "unrecognised transform type '" + abbreviate(value) + "'");
                    }
                    if (!m.group(3).equals("3") || !m.group(4).equals("3")) {
                        throw error(lineNo, "only 3-D transforms are supported, found " + value);
                    }
                    kind = m.group(1);
                    scalar = m.group(2);
                    params = null;
                    fixed = null;
                    transformLine = lineNo;
                    break;
                case "Parameters":
                    requireTransform(kind, lineNo, key);
                    if (params != null) {
                        throw error(lineNo, "second Parameters line for one transform");
                    }
                    params = numbers(value, lineNo, key);
                    break;
                case "FixedParameters":
                    requireTransform(kind, lineNo, key);
                    if (fixed != null) {
                        throw error(lineNo, "second FixedParameters line for one transform");
                    }
                    fixed = numbers(value, lineNo, key);
                    break;
                default:
                    throw error(lineNo, "unknown entry '" + abbreviate(key) + "'");
            }
        }
        if (kind != null) {
            out.add(new RawTransform(kind, scalar, params, fixed, transformLine));
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(source + ": not an ITK transform file (no 'Transform:' line)");
        }
        return out;
    }

    private void requireTransform(String kind, int lineNo, String key) {
        if (kind == null) {
            throw error(lineNo, key + " before any 'Transform:' line");
        }
    }

    private double[] numbers(String value, int lineNo, String key) {
        if (value.isEmpty()) {
            return new double[0];
        }
        String[] tokens = value.split("\\s+");
        double[] v = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            double d;
            try {
                d = Double.parseDouble(tokens[i]);
            } catch (NumberFormatException e) {
                throw error(lineNo, key + " value " + (i + 1) + " is not a number: '" + abbreviate(tokens[i]) + "'");
            }
            if (!Double.isFinite(d)) {
                throw error(lineNo, key + " value " + (i + 1) + " is not finite: " + tokens[i]);
            }
            v[i] = d;
        }
        return v;
    }

    private InvalidInputException error(int lineNo, String message) {
        return new InvalidInputException(source + ": line " + lineNo + ": " + message);
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
