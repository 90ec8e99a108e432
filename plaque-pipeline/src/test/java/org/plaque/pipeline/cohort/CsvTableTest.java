package org.plaque.pipeline.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;

class CsvTableTest {
    private static final Path F = Path.of("c.csv");

    @Test
    void readsQuotedFieldsLineBreaksBomAndBlankLines() {
        CsvTable t = CsvTable.parse(F, "\uFEFFSubject , flair\r\n\r\n01,\"a, \"\"b\"\".nii\"\n\"0\n2\",c.nii\n");
        assertThat(t.header()).containsExactly("Subject ", " flair");
        assertThat(t.column("subject")).contains(0);
        assertThat(t.column("FLAIR")).contains(1);
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).fields()).containsExactly("01", "a, \"b\".nii");
        assertThat(t.rows().get(0).line()).isEqualTo(3);
        assertThat(t.rows().get(1).fields()).containsExactly("0\n2", "c.nii");
        assertThat(t.rows().get(1).line()).isEqualTo(4);
    }

    @Test
    void shortRowsReadAsEmptyFields() {
        CsvTable t = CsvTable.parse(F, "subject,flair,t1\n01,f.nii\n");
        assertThat(CsvTable.field(t.rows().get(0), 2)).isEmpty();
        assertThat(CsvTable.field(t.rows().get(0), t.column("t2"))).isEmpty();
    }

    @Test
    void errorsNameTheFileAndLine() {
        assertThatThrownBy(() -> CsvTable.parse(F, "a,b\n1,2,3\n")).isInstanceOf(InvalidInputException.class)
            .hasMessage("c.csv line 2: 3 fields, but the header has 2");
        assertThatThrownBy(() -> CsvTable.parse(F, "a,b\n\"1,2\n")).isInstanceOf(InvalidInputException.class)
            .hasMessage("c.csv line 2: a quoted field is not closed");
        assertThatThrownBy(() -> CsvTable.parse(F, "\n\n")).hasMessage("c.csv: empty, expected a header line");
        assertThatThrownBy(() -> CsvTable.parse(F, "a,A\n")).hasMessageContaining("column 'a' appears twice");
        CsvTable t = CsvTable.parse(F, "a\n");
        assertThatThrownBy(() -> t.requireColumn("flair", "subject, flair"))
            .hasMessage("c.csv: no 'flair' column in the header (expected: subject, flair)");
    }

    @Test
    void unreadableFilesAreInvalidInput(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> CsvTable.read(dir.resolve("none.csv"))).isInstanceOf(InvalidInputException.class)
            .hasMessageEndingWith("none.csv: no such file");
        Path binary = Files.write(dir.resolve("b.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        assertThatThrownBy(() -> CsvTable.read(binary)).isInstanceOf(InvalidInputException.class)
            .hasMessageEndingWith("b.csv: not a UTF-8 text file");
        Path ok = Files.writeString(dir.resolve("ok.csv"), "x\n1\n");
        assertThat(CsvTable.read(ok).rows()).extracting(CsvTable.Row::fields).containsExactly(List.of("1"));
    }

    @Test
    void writerQuotesOnlyWhenNeededAndRoundTrips() {
        String row = CsvText.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", ""));
        assertThat(row).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
        CsvTable t = CsvTable.parse(F, "h1,h2,h3,h4,h5\n" + row);
        assertThat(t.rows().get(0).fields()).containsExactly("plain", "a,b", "say \"hi\"", "two\nlines", "");
        assertThat(CsvText.number(1300.0)).isEqualTo("1300");
        assertThat(CsvText.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(CsvText.number(1.25e7)).isEqualTo("12500000");
        assertThat(CsvText.number(Double.NaN)).isEmpty();
        assertThat(CsvText.number(-0.0)).isEqualTo("0");
    }
}
