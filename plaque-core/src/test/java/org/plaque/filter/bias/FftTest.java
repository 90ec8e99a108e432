package org.plaque.filter.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {
    @Test
    void forwardMatchesTheDefinitionOfTheDft() {
        Random rnd = new Random(1);
        for (int n : new int[] {1, 2, 4, 8, 64, 512}) {
            double[] re = new double[n];
            double[] im = new double[n];
            for (int i = 0; i < n; i++) {
                re[i] = rnd.nextGaussian();
                im[i] = rnd.nextGaussian();
            }
            double[] expRe = new double[n];
            double[] expIm = new double[n];
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    double a = -2 * Math.PI * j * k / n;
                    expRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
                    expIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
                }
            }
            new Fft(n).forward(re, im);
            for (int k = 0; k < n; k++) {
                assertThat(re[k]).as("n=%d k=%d", n, k).isCloseTo(expRe[k], org.assertj.core.data.Offset.offset(1e-9));
                assertThat(im[k]).as("n=%d k=%d", n, k).isCloseTo(expIm[k], org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void inverseIsUnscaled() {
        Random rnd = new Random(2);
        int n = 256;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = rnd.nextDouble();
        }
        double[] orig = re.clone();
        Fft fft = new Fft(n);
        fft.forward(re, im);
        fft.inverse(re, im);
        for (int i = 0; i < n; i++) {
            assertThat(re[i]).isCloseTo(n * orig[i], org.assertj.core.data.Offset.offset(1e-9));
            assertThat(im[i]).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void rejectsLengthsThatAreNotPowersOfTwo() {
        assertThatThrownBy(() -> new Fft(200)).isInstanceOf(IllegalArgumentException.class);
    }
}
