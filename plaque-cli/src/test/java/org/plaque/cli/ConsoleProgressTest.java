package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void withoutATerminalOnlyFinishedStepsArePrinted() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), false, "segment: ");
        p.stepStarted(0, 2, "denoise");
        p.update("anisotropic diffusion", 0.5);
        p.stepFinished(0, 2, "denoise", 1234);
        p.stepStarted(1, 2, "n4");
        p.stepFinished(1, 2, "n4", 50);
        assertThat(s.toString().lines().toList()).containsExactly("segment: [1/2] denoise 1.2 s",
            "segment: [2/2] n4 0.1 s");
    }

    @Test
    void onATerminalOneLineIsRewrittenWithThePercentage() {
        StringWriter s = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(s), true, "");
        p.stepStarted(0, 3, "denoise");
        p.update("anisotropic diffusion", 1.0);
        p.stepFinished(0, 3, "denoise", 2000);
        String out = s.toString();
        assertThat(out).contains("\r[1/3] denoise: anisotropic diffusion 100%").contains("\r[1/3] denoise 2.0 s");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }
}
