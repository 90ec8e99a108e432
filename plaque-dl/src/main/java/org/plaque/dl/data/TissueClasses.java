package org.plaque.dl.data;

import java.util.Arrays;
import java.util.Locale;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.cluster.KMeans;

/**
 * Three intensity classes of one channel inside a region (CSF, grey and white matter, in the channel's own
 * order) and which of them is white matter for the channel's contrast: the brightest on T1, the darkest on
 * T2, the middle one otherwise (FLAIR: CSF &lt; WM &lt; GM).
 *
 * <p>The classes come from 3-class k-means ({@link KMeans}) on at most about 200 000 of the region's values,
 * taken at a fixed stride in raster order, so the result is deterministic and costs the same on any brain.
 */
final class TissueClasses {
    /** Values k-means sees at most (the region is subsampled at a fixed stride beyond this). */
    static final int MAX_SAMPLES = 200_000;

    private TissueClasses() {
    }

    /** Index (0 = darkest of 3) of the white-matter class for a channel of this name. */
    static int whiteMatterClass(String channel) {
        String c = channel.toUpperCase(Locale.ROOT);
        if (c.startsWith("T1")) {
            return 2;
        }
        if (c.startsWith("T2")) {
            return 0;
        }
        return 1;
    }

    /** The 3-class k-means of {@code image} inside {@code region} (centres increasing); region must be non-empty. */
    static KMeans.Result fit(ScalarVolume image, Mask region) {
        int count = region.count();
        int stride = Math.max(1, count / MAX_SAMPLES);
        float[] samples = new float[(count + stride - 1) / stride];
        int k = 0;
        int seen = 0;
        for (int i = 0, n = image.geometry().voxelCount(); i < n; i++) {
            if (region.get(i) && seen++ % stride == 0 && k < samples.length) {
                samples[k++] = image.get(i);
            }
        }
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            return KMeans.fit(Arrays.copyOf(samples, k), KMeans.Params.of(3), ctx);
        }
    }
}
