package org.plaque.dl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Lesion-aware random patches from (already normalised) training subjects.
 *
 * <p>Each {@link #sample} picks a subject uniformly, then with probability {@code lesionFraction} a centre
 * voxel drawn uniformly from the subject's lesion voxels (a subject without lesions falls back to the
 * brain), otherwise a voxel drawn uniformly from its brain mask; that voxel is then moved by up to a quarter
 * of the patch along each axis. The patch is the box of {@code shape}
 * = {D, H, W} voxels whose voxel {@code (D/2, H/2, W/2)} is that centre (along an axis the patch covers
 * entirely it is centred on the volume instead); parts beyond the volume are 0
 * (the value of the background after normalisation), label 0. A shape with D = 1 gives axial 2-D slice
 * patches (fixed z) for the slice U-Net; {@code {1, ny, nx}} is a whole slice.
 *
 * <p>Deterministic: all draws come from the caller's {@link SplittableRandom}, in a fixed order (subject,
 * lesion-or-brain, voxel). Thread-safe for concurrent calls with separate random generators.
 */
public final class PatchSampler {
    /** Default fraction of lesion-centred patches. */
    public static final double DEFAULT_LESION_FRACTION = 0.5;

    private final List<TrainingSubject> subjects;
    private final int[] shape;
    private final double lesionFraction;
    private final int[][] lesionVoxels;
    private final int[][] brainVoxels;

    /**
     * @param subjects       normalised subjects, at least one, all with the same number of channels
     * @param shape          patch shape {D, H, W}, each ≥ 1
     * @param lesionFraction probability in [0, 1] that a patch is centred on a lesion voxel
     */
    public PatchSampler(List<TrainingSubject> subjects, int[] shape, double lesionFraction) {
        this.subjects = List.copyOf(subjects);
        if (this.subjects.isEmpty()) {
            throw new IllegalArgumentException("a patch sampler needs at least one subject");
        }
        this.shape = checkShape(shape);
        if (!(lesionFraction >= 0 && lesionFraction <= 1)) {
            throw new IllegalArgumentException("lesion fraction must be in [0, 1], got " + lesionFraction);
        }
        this.lesionFraction = lesionFraction;
        int c = this.subjects.get(0).channelCount();
        lesionVoxels = new int[this.subjects.size()][];
        brainVoxels = new int[this.subjects.size()][];
        for (int s = 0; s < this.subjects.size(); s++) {
            TrainingSubject t = this.subjects.get(s);
            if (t.channelCount() != c) {
                throw new IllegalArgumentException("subject " + t.id() + " has " + t.channelCount()
                    + " channels, the first subject " + c);
            }
            lesionVoxels[s] = indices(t.lesion());
            brainVoxels[s] = indices(t.brain());
        }
    }

    /** A sampler with {@link #DEFAULT_LESION_FRACTION}. */
    public PatchSampler(List<TrainingSubject> subjects, int[] shape) {
        this(subjects, shape, DEFAULT_LESION_FRACTION);
    }

    /** The patch shape {D, H, W}. */
    public int[] shape() {
        return shape.clone();
    }

    /** The subjects sampled from. */
    public List<TrainingSubject> subjects() {
        return subjects;
    }

    /** One random patch. */
    public Patch sample(SplittableRandom rnd) {
        int s = subjects.size() == 1 ? 0 : rnd.nextInt(subjects.size());
        return sampleFrom(s, rnd);
    }

    /** {@code n} random patches, drawn in order from {@code rnd}. */
    public List<Patch> sample(int n, SplittableRandom rnd) {
        List<Patch> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sample(rnd));
        }
        return out;
    }

    /** One random patch from subject number {@code s} (in the order given to the constructor). */
    public Patch sampleFrom(int s, SplittableRandom rnd) {
        int centre = centre(lesionVoxels[s], brainVoxels[s], lesionFraction, rnd);
        return extract(subjects.get(s), jitter(subjects.get(s).geometry(), centre, rnd), shape);
    }

    /**
     * The centre moved by up to a quarter of the patch along each axis (clamped to the volume), so a lesion
     * voxel does not always sit at the patch centre — the network must find lesions anywhere in its field.
     */
    private int jitter(ImageGeometry g, int centre, SplittableRandom rnd) {
        int nx = g.nx();
        int nxy = nx * g.ny();
        int z = shift(centre / nxy, shape[0], g.nz(), rnd);
        int y = shift((centre % nxy) / nx, shape[1], g.ny(), rnd);
        int x = shift(centre % nx, shape[2], nx, rnd);
        return g.index(x, y, z);
    }

    private static int shift(int c, int size, int n, SplittableRandom rnd) {
        int q = size / 4;
        return q == 0 ? c : Math.min(n - 1, Math.max(0, c + rnd.nextInt(-q, q + 1)));
    }

    /**
     * A fixed list of {@code count} patches of one subject for validation: half lesion-centred (when it has
     * lesions), drawn from a generator seeded with {@code seed}, so every call gives the same list.
     */
    public static List<Patch> validationPatches(TrainingSubject subject, int[] shape, int count, long seed) {
        int[] sh = checkShape(shape);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int[] lesion = indices(subject.lesion());
        int[] brain = indices(subject.brain());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Patch> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Alternate lesion and brain centres rather than drawing the choice, so the mix is exact.
            int centre = i % 2 == 0 && lesion.length > 0 ? lesion[rnd.nextInt(lesion.length)]
                : brain[rnd.nextInt(brain.length)];
            out.add(extract(subject, centre, sh));
        }
        return out;
    }

    /**
     * The patch of {@code shape} whose voxel (D/2, H/2, W/2) is the voxel with linear index {@code centre};
     * along an axis where the patch is at least as long as the volume, the patch is instead centred on the
     * volume (so {@code {1, ny, nx}} is exactly the axial slice through the centre).
     */
    public static Patch extract(TrainingSubject subject, int centre, int[] shape) {
        int[] sh = checkShape(shape);
        ImageGeometry g = subject.geometry();
        int nx = g.nx();
        int nxy = nx * g.ny();
        int cz = centre / nxy;
        int cy = (centre % nxy) / nx;
        int cx = centre % nx;
        return extractAt(subject, start(cx, sh[2], nx), start(cy, sh[1], g.ny()), start(cz, sh[0], g.nz()), sh);
    }

    /** First patch voxel along an axis: centred on c, or on the volume when the patch covers it all. */
    private static int start(int c, int size, int n) {
        return size >= n ? -((size - n) / 2) : c - size / 2;
    }

    /** The patch of {@code shape} whose first voxel is volume voxel (x0, y0, z0); zero beyond the volume. */
    public static Patch extractAt(TrainingSubject subject, int x0, int y0, int z0, int[] shape) {
        int[] sh = checkShape(shape);
        int d = sh[0];
        int h = sh[1];
        int w = sh[2];
        int vox = d * h * w;
        int channels = subject.channelCount();
        float[] image = new float[channels * vox];
        float[] label = new float[vox];
        ImageGeometry g = subject.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        int xFrom = Math.max(0, -x0);
        int xTo = Math.min(w, nx - x0);
        if (xFrom >= xTo) {
            return new Patch(image, label, channels, sh);
        }
        Mask lesion = subject.lesion();
        for (int z = 0; z < d; z++) {
            int vz = z0 + z;
            if (vz < 0 || vz >= nz) {
                continue;
            }
            for (int y = 0; y < h; y++) {
                int vy = y0 + y;
                if (vy < 0 || vy >= ny) {
                    continue;
                }
                int src = x0 + nx * (vy + ny * vz);
                int dst = w * (y + h * z);
                for (int x = xFrom; x < xTo; x++) {
                    label[dst + x] = lesion.get(src + x) ? 1f : 0f;
                }
                for (int c = 0; c < channels; c++) {
                    ScalarVolume v = subject.channels().get(c);
                    int off = c * vox + dst;
                    for (int x = xFrom; x < xTo; x++) {
                        image[off + x] = v.get(src + x);
                    }
                }
            }
        }
        return new Patch(image, label, channels, sh);
    }

    static int centre(int[] lesion, int[] brain, double lesionFraction, SplittableRandom rnd) {
        boolean onLesion = rnd.nextDouble() < lesionFraction;
        if (onLesion && lesion.length > 0) {
            return lesion[rnd.nextInt(lesion.length)];
        }
        return brain[rnd.nextInt(brain.length)];
    }

    static int[] indices(Mask m) {
        int[] out = new int[m.count()];
        int k = 0;
        int n = m.geometry().voxelCount();
        for (int i = 0; i < n; i++) {
            if (m.get(i)) {
                out[k++] = i;
            }
        }
        return out;
    }

    static int[] checkShape(int[] shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("patch shape must be {D, H, W} with each >= 1");
        }
        return shape.clone();
    }
}
