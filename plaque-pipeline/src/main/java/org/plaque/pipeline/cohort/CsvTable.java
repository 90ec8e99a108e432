package org.plaque.pipeline.cohort;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.plaque.InvalidInputException;

/**
 * A small comma-separated table read from a UTF-8 file (RFC 4180: fields may be quoted with {@code "},
 * a quote inside a quoted field is doubled, quoted fields may hold commas and line breaks). The first
 * record is the header; column names are matched ignoring case and surrounding blanks. Blank lines are
 * skipped; a UTF-8 byte-order mark (as spreadsheet programs write) is ignored.
 *
 * <p>Every problem is an {@link InvalidInputException} naming the file and, where it applies, the line:
 * a missing or unreadable file, a file larger than {@link #MAX_BYTES}, text that is not UTF-8, an
 * unterminated quote, a record with more fields than the header.
 */
final class CsvTable {
    /** Cohort tables are small; anything larger is not one. */
    static final long MAX_BYTES = 16L << 20;

    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    /** One record and the line it starts on (1-based). */
    record Row(int line, List<String> fields) {
    }

    private CsvTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && columns.putIfAbsent(name, i) != null) {
                throw new InvalidInputException(file + ": column '" + name + "' appears twice in the header");
            }
        }
    }

    /** Reads and parses {@code file}. */
    static CsvTable read(Path file) {
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(file + ": no such file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException(file + ": larger than " + (MAX_BYTES >> 20)
                    + " MiB, not a cohort table");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not a UTF-8 text file", e);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(file, text);
    }

    /** Parses CSV text; {@code file} is only used in messages. */
    static CsvTable parse(Path file, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                quoteLine = line;
                field.setLength(0);
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, fields, field, fieldStarted, recordLine);
                fields = new ArrayList<>();
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new InvalidInputException(file + " line " + quoteLine + ": a quoted field is not closed");
        }
        endRecord(records, fields, field, fieldStarted, recordLine);
        if (records.isEmpty()) {
            throw new InvalidInputException(file + ": empty, expected a header line");
        }
        List<String> header = records.get(0).fields();
        List<Row> body = records.subList(1, records.size());
        for (Row r : body) {
            if (r.fields().size() > header.size()) {
                throw new InvalidInputException(file + " line " + r.line() + ": " + r.fields().size()
                    + " fields, but the header has " + header.size());
            }
        }
        return new CsvTable(file, List.copyOf(header), List.copyOf(body));
    }

    private static void endRecord(List<Row> records, List<String> fields, StringBuilder field, boolean started,
                                  int line) {
        if (started || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
        }
        field.setLength(0);
        boolean blank = fields.stream().allMatch(String::isBlank);
        if (!blank) {
            records.add(new Row(line, List.copyOf(fields)));
        }
    }

    Path file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** The index of a column, if the header has it. */
    Optional<Integer> column(String name) {
        return Optional.ofNullable(columns.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The index of a required column.
     *
     * @throws InvalidInputException naming the file and the columns it needs
     */
    int requireColumn(String name, String expected) {
        return column(name).orElseThrow(() -> new InvalidInputException(file + ": no '" + name
            + "' column in the header (expected: " + expected + ")"));
    }

    /** A row's field at {@code column}, stripped; {@code ""} when the row is shorter or there is no column. */
    static String field(Row row, Optional<Integer> column) {
        return column.map(c -> field(row, c)).orElse("");
    }

    /** A row's field at {@code column}, stripped; {@code ""} when the row is shorter. */
    static String field(Row row, int column) {
        return column < row.fields().size() ? row.fields().get(column).strip() : "";
    }
}
