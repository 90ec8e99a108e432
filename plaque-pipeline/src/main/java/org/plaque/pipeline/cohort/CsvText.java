package org.plaque.pipeline.cohort;

import java.math.BigDecimal;
import java.util.List;

/** Writing CSV: RFC 4180 quoting and numbers in plain decimal notation (never an exponent, NaN as empty). */
final class CsvText {
    private CsvText() {
    }

    /** One record, terminated by {@code \n}. */
    static String row(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(quote(fields.get(i)));
        }
        return b.append('\n').toString();
    }

    /** The field, quoted when it holds a comma, a quote or a line break. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
            && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * The shortest decimal text that reads back as {@code v} ({@code 1300}, {@code 0.8125}), or {@code ""}
     * when {@code v} is NaN or infinite (CSV has no such numbers; EVALUATION.md leaves undefined figures blank).
     */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == 0) {
            return "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
