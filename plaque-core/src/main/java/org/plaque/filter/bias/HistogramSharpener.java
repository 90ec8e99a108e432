package org.plaque.filter.bias;

import java.util.Arrays;

/**
 * N4's histogram sharpening step: deconvolves the histogram of the log intensities with a Gaussian (the assumed
 * blur caused by the bias field) by Wiener filtering, and maps every voxel to the expected sharpened value
 * E[u | v] (Tustison et al. 2010, eqs. 6–8; Sled et al. 1998, doi:10.1109/42.668698).
 *
 * <p>Follows ITK 5.2's {@code N4BiasFieldCorrectionImageFilter::SharpenImage}: a histogram of {@code bins} bins
 * from the minimum to the maximum of the masked values filled with triangular Parzen windows, zero-padded to
 * 2^(⌈log2 bins⌉+1) points and centred; Gaussian of full width at half maximum {@code fwhm} (log-intensity units)
 * sampled on that grid; Wiener filter {@code conj(F)/(|F|² + noise)} with unscaled FFTs; negative values of the
 * deconvolved histogram set to zero; E[u | v] interpolated linearly between bins. Not thread-safe (reuses buffers):
 * one instance per running correction.
 */
final class HistogramSharpener {
    private final int bins;
    private final double fwhm;
    private final double wienerNoise;
    private final int padded;
    private final int offset;
    private final Fft fft;
    private final double[] histogram;
    private final double[] vRe;
    private final double[] vIm;
    private final double[] fRe;
    private final double[] fIm;
    private final double[] nRe;
    private final double[] nIm;
    private final double[] mapping;

    HistogramSharpener(int bins, double fwhm, double wienerNoise) {
        this.bins = bins;
        this.fwhm = fwhm;
        this.wienerNoise = wienerNoise;
        int exponent = (int) Math.ceil(Math.log(bins) / Math.log(2.0)) + 1;
        this.padded = 1 << exponent;
        this.offset = (padded - bins) / 2;
        this.fft = new Fft(padded);
        this.histogram = new double[bins];
        this.vRe = new double[padded];
        this.vIm = new double[padded];
        this.fRe = new double[padded];
        this.fIm = new double[padded];
        this.nRe = new double[padded];
        this.nIm = new double[padded];
        this.mapping = new double[bins];
    }

    /**
     * Writes the sharpened value of {@code values[idx[m]]} to {@code out[idx[m]]} for every m; other entries of
     * {@code out} are left alone. When all selected values are equal there is nothing to sharpen and they are
     * copied unchanged.
     */
    void sharpen(double[] values, int[] idx, double[] out) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i : idx) {
            double v = values[i];
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        if (!(max > min)) {
            for (int i : idx) {
                out[i] = values[i];
            }
            return;
        }
        double slope = (max - min) / (bins - 1);

        Arrays.fill(histogram, 0);
        for (int i : idx) {
            double c = (values[i] - min) / slope;
            int b = (int) Math.floor(c);
            double frac = c - b;
            if (frac == 0.0) {
                histogram[b] += 1.0;
            } else if (b < bins - 1) {
                histogram[b] += 1.0 - frac;
                histogram[b + 1] += frac;
            }
        }

        // V: padded histogram, and its spectrum.
        Arrays.fill(vRe, 0);
        Arrays.fill(vIm, 0);
        System.arraycopy(histogram, 0, vRe, offset, bins);
        fft.forward(vRe, vIm);

        // F: Gaussian of the given FWHM in bin units, wrapped around index 0, and its spectrum.
        double scaledFwhm = fwhm / slope;
        double expFactor = 4.0 * Math.log(2.0) / (scaledFwhm * scaledFwhm);
        double scaleFactor = 2.0 * Math.sqrt(Math.log(2.0) / Math.PI) / scaledFwhm;
        Arrays.fill(fRe, 0);
        Arrays.fill(fIm, 0);
        fRe[0] = scaleFactor;
        int half = padded / 2;
        for (int k = 1; k <= half; k++) {
            double g = scaleFactor * Math.exp(-((double) k * k) * expFactor);
            fRe[k] = g;
            fRe[padded - k] = g;
        }
        fft.forward(fRe, fIm);

        // U = V deconvolved: multiply by the real part of the Wiener filter conj(F) / (|F|² + noise).
        for (int k = 0; k < padded; k++) {
            double a = fRe[k];
            double b = fIm[k];
            double g = a / (a * a + b * b + wienerNoise);
            vRe[k] *= g;
            vIm[k] *= g;
        }
        fft.inverse(vRe, vIm);
        for (int k = 0; k < padded; k++) {
            vRe[k] = Math.max(vRe[k], 0.0);
            vIm[k] = 0.0;
        }

        // E[u | v] = (F ⊛ (u·U)) / (F ⊛ U); vRe now holds U.
        for (int k = 0; k < padded; k++) {
            nRe[k] = (min + (k - offset) * slope) * vRe[k];
            nIm[k] = 0.0;
        }
        convolveWithF(nRe, nIm);
        convolveWithF(vRe, vIm);
        for (int k = 0; k < bins; k++) {
            double den = vRe[k + offset];
            mapping[k] = den != 0.0 ? nRe[k + offset] / den : 0.0;
        }

        for (int i : idx) {
            double c = (values[i] - min) / slope;
            int b = (int) Math.floor(c);
            double mapped;
            if (b < bins - 1) {
                mapped = mapping[b] + (mapping[b + 1] - mapping[b]) * (c - b);
            } else {
                mapped = mapping[bins - 1];
            }
            out[i] = mapped;
        }
    }

    /** x ← inverse(forward(x) · F̂), F̂ the (complex) spectrum held in fRe/fIm. */
    private void convolveWithF(double[] re, double[] im) {
        fft.forward(re, im);
        for (int k = 0; k < padded; k++) {
            double a = re[k];
            double b = im[k];
            re[k] = a * fRe[k] - b * fIm[k];
            im[k] = a * fIm[k] + b * fRe[k];
        }
        fft.inverse(re, im);
    }
}
