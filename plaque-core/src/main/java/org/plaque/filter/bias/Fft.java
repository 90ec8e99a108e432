package org.plaque.filter.bias;

/**
 * In-place radix-2 complex FFT for the short (power-of-two) histograms of N4's sharpening step.
 *
 * <p>Neither direction is scaled: {@code inverse(forward(x)) = n·x}, the convention of ITK's vnl FFT that N4's
 * Wiener filter constants are tuned for. A few hundred points per call, so a plain iterative Cooley–Tukey with
 * precomputed twiddles is fast enough and keeps plaque-core free of an FFT library.
 */
final class Fft {
    private final int n;
    private final int[] bitReversed;
    private final double[] cos;
    private final double[] sin;

    /** @param n transform length, a power of two ≥ 1 */
    Fft(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT length must be a power of two, got " + n);
        }
        this.n = n;
        int bits = Integer.numberOfTrailingZeros(n);
        bitReversed = new int[n];
        for (int i = 0; i < n; i++) {
            bitReversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        cos = new double[Math.max(1, n / 2)];
        sin = new double[Math.max(1, n / 2)];
        for (int k = 0; k < n / 2; k++) {
            double angle = 2 * Math.PI * k / n;
            cos[k] = Math.cos(angle);
            sin[k] = Math.sin(angle);
        }
    }

    int length() {
        return n;
    }

    /** X[k] = Σ x[j]·exp(−2πi·jk/n), in place. */
    void forward(double[] re, double[] im) {
        transform(re, im, -1);
    }

    /** x[j] = Σ X[k]·exp(+2πi·jk/n), in place, not divided by n. */
    void inverse(double[] re, double[] im) {
        transform(re, im, +1);
    }

    private void transform(double[] re, double[] im, int sign) {
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("arrays must have length " + n);
        }
        for (int i = 0; i < n; i++) {
            int j = bitReversed[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int half = 1; half < n; half <<= 1) {
            int step = n / (2 * half);
            for (int start = 0; start < n; start += 2 * half) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
