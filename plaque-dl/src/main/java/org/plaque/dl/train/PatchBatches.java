package org.plaque.dl.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.plaque.dl.data.Patch;
import org.plaque.dl.data.PatchSampler;

/**
 * Mini-batches of augmented patches for a U-Net: input (N, C, D, H, W), or (N, C, H, W) for slice patches
 * (D = 1) when the network is 2-D; target (N, 1, D, H, W) or (N, 1, H, W).
 */
public final class PatchBatches implements BatchSource {
    /** Transforms one training patch (image and label alike); all randomness from the generator passed in. */
    @FunctionalInterface
    public interface Augmenter {
        /** The augmented patch. */
        Patch apply(Patch patch, SplittableRandom random);
    }

    private final PatchSampler sampler;
    private final Augmenter augmenter;
    private final int batchSize;
    private final boolean slices;

    /**
     * Batches of {@code batchSize} patches from {@code sampler}, augmented by {@code augmenter}.
     *
     * @param slices whether the network takes 2-D slices (the sampler's patch depth must then be 1)
     */
    public PatchBatches(PatchSampler sampler, Augmenter augmenter, int batchSize, boolean slices) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1");
        }
        if (slices && sampler.shape()[0] != 1) {
            throw new IllegalArgumentException("a slice network needs patches of depth 1");
        }
        this.sampler = sampler;
        this.augmenter = augmenter;
        this.batchSize = batchSize;
        this.slices = slices;
    }

    @Override
    public Batch next(SplittableRandom random) {
        List<Patch> patches = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            patches.add(augmenter.apply(sampler.sample(random), random));
        }
        return of(patches, slices);
    }

    /** Batches of {@code size} from a fixed list (the last may be smaller), e.g. validation patches. */
    public static List<Batch> fixed(List<Patch> patches, int size, boolean slices) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < patches.size(); i += size) {
            out.add(of(patches.subList(i, Math.min(patches.size(), i + size)), slices));
        }
        return out;
    }

    /** One batch of equally shaped patches. */
    public static Batch of(List<Patch> patches, boolean slices) {
        Patch first = patches.get(0);
        int n = patches.size();
        int c = first.channels();
        int[] s = first.shape();
        int voxels = first.voxels();
        float[] input = new float[n * c * voxels];
        float[] target = new float[n * voxels];
        for (int i = 0; i < n; i++) {
            Patch p = patches.get(i);
            System.arraycopy(p.image(), 0, input, i * c * voxels, c * voxels);
            System.arraycopy(p.label(), 0, target, i * voxels, voxels);
        }
        long[] inShape = slices ? new long[] {n, c, s[1], s[2]} : new long[] {n, c, s[0], s[1], s[2]};
        long[] outShape = slices ? new long[] {n, 1, s[1], s[2]} : new long[] {n, 1, s[0], s[1], s[2]};
        return new Batch(input, inShape, target, outShape);
    }
}
