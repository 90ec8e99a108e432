package org.plaque.dl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.BinaryMorphology;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiReader;
import org.plaque.segment.cluster.KMeans;
import org.plaque.segment.components.Components;
import org.plaque.segment.components.ConnectedComponents;

/**
 * Synthetic lesion augmentation: pastes real lesion shapes into lesion-free white matter of a training
 * subject, so that a few labelled subjects yield many lesion patterns. This is the lesion-insertion idea of
 * copy-paste / lesion-synthesis augmentation used for MS and other lesion segmentation (inserting lesion
 * masks with a modelled intensity profile into healthy tissue); the version here is Plaque's own simple
 * model, described completely below.
 *
 * <p><b>Library.</b> Shapes are the 26-connected components of binary lesion masks (e.g. the 30 MNI 1 mm
 * {@code GOLD_STANDARD_MNI.nii.gz} masks of the Lesjak 2018 data, doi:10.1007/s12021-017-9348-7), kept with
 * their bounding boxes when they have between {@code minVoxels} (default 5) and {@code maxVoxels} (default
 * 3000) voxels. Shapes are voxel sets: they are meant for subjects on a grid of about the source spacing.
 * Subjects can be excluded by id (leave-one-out: never paste a validation subject's own lesions).
 *
 * <p><b>Where</b> ({@link #prepare}): white matter is estimated by intensity: 3-class k-means on T1 (else FLAIR,
 * else T2, else the first channel; {@link TissueClasses}) inside the brain eroded by 2 mm and outside the existing
 * lesions dilated by two voxels; the white-matter class is the brightest on T1, the darkest on T2, the middle one
 * otherwise (FLAIR: CSF &lt; WM &lt; GM). Each lesion draws a shape, one of its 48 90°-rotations/reflections
 * ({@link LesionShape#oriented}) and a white-matter centre voxel; it is accepted when the whole box lies in the
 * volume and ≥ 90 % of its voxels lie in white matter not used by an earlier pasted lesion, else up to 200 draws
 * are tried before that lesion is given up.
 *
 * <p><b>Contrast.</b> Per channel the lesion/WM ratio of mean intensities is measured on the subject's own
 * lesions when it has at least {@code minLesionVoxels} (default 50) lesion voxels (ratios clamped to
 * [0.3, 3]); otherwise defaults by channel name: FLAIR ×1.6, T2 ×1.5, T1 (and T1 variants) ×0.75, others ×1.
 * Each pasted lesion varies each channel's ratio by a uniform ±15 %. Edges are soft: the blend weight w is
 * max(shape, shape smoothed by a Gaussian of σ = 0.7 voxel), and every voxel is multiplied by
 * {@code 1 + w·(ratio − 1)}, so the underlying tissue texture and noise are kept (multiplied, not replaced).
 * Voxels outside the brain or already in a lesion are left alone. The new lesion mask is the old one joined
 * with the pasted voxels where w &gt; 0.5.
 *
 * <p><b>Intensities must be raw</b> (positive, before {@link IntensityNormalisation}); pasting multiplies
 * intensities, so a white-matter mean ≤ 0 is refused with an {@link InvalidInputException}. Deterministic:
 * the same subject, library and random state give the same result.
 */
public final class SyntheticLesions {
    /** Default smallest shape kept, voxels. */
    public static final int DEFAULT_MIN_VOXELS = 5;
    /** Default largest shape kept, voxels. */
    public static final int DEFAULT_MAX_VOXELS = 3000;
    /** Lesion voxels a subject needs for its own contrast to be measured. */
    public static final int MIN_LESION_VOXELS = 50;
    /** Fraction of a shape that must lie in free white matter. */
    public static final double MIN_WM_FRACTION = 0.9;
    /** Blur of the soft edge, voxels. */
    public static final double EDGE_SIGMA_VOXELS = 0.7;
    /** Random variation of each lesion's contrast. */
    public static final double CONTRAST_VARIATION = 0.15;
    private static final int MAX_ATTEMPTS = 200;
    private static final float[] EDGE_KERNEL = kernel(EDGE_SIGMA_VOXELS);

    private final List<LesionShape> shapes;

    private SyntheticLesions(List<LesionShape> shapes) {
        if (shapes.isEmpty()) {
            throw new InvalidInputException("the synthetic lesion library holds no lesion shapes");
        }
        this.shapes = List.copyOf(shapes);
    }

    /** A library of the given shapes. */
    public static SyntheticLesions of(List<LesionShape> shapes) {
        return new SyntheticLesions(shapes);
    }

    /**
     * The shapes of the given masks (ids in sorted order), components of {@link #DEFAULT_MIN_VOXELS} to
     * {@link #DEFAULT_MAX_VOXELS} voxels.
     */
    public static SyntheticLesions fromMasks(Map<String, Mask> masksById) {
        return fromMasks(masksById, DEFAULT_MIN_VOXELS, DEFAULT_MAX_VOXELS);
    }

    /** The shapes of the given masks with {@code minVoxels ≤ size ≤ maxVoxels}, ids in sorted order. */
    public static SyntheticLesions fromMasks(Map<String, Mask> masksById, int minVoxels, int maxVoxels) {
        List<LesionShape> out = new ArrayList<>();
        for (Map.Entry<String, Mask> e : new TreeMap<>(masksById).entrySet()) {
            out.addAll(components(e.getKey(), e.getValue(), minVoxels, maxVoxels));
        }
        return new SyntheticLesions(out);
    }

    /**
     * Reads {@code folder/<id>/<fileName>} for every subfolder (sorted; folders without the file and ids in
     * {@code excludeIds}, case-insensitive, are skipped) with the default size range.
     *
     * @throws InvalidInputException when the folder is missing or no mask (or no shape) is found
     */
    public static SyntheticLesions load(Path folder, String fileName, Collection<String> excludeIds) {
        return load(folder, fileName, excludeIds, DEFAULT_MIN_VOXELS, DEFAULT_MAX_VOXELS);
    }

    /** As {@link #load(Path, String, Collection)} with a shape size range in voxels. */
    public static SyntheticLesions load(Path folder, String fileName, Collection<String> excludeIds, int minVoxels,
                                        int maxVoxels) {
        return fromMasks(readMasks(folder, fileName, excludeIds), minVoxels, maxVoxels);
    }

    /**
     * The masks {@code folder/<id>/<fileName>} by id (sorted; folders without the file and ids in
     * {@code excludeIds}, case-insensitive, are skipped).
     *
     * @throws InvalidInputException when the folder is missing or holds no such mask
     */
    public static Map<String, Mask> readMasks(Path folder, String fileName, Collection<String> excludeIds) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder + ": lesion mask folder does not exist");
        }
        Set<String> excluded = lower(excludeIds);
        NiftiReader reader = NiftiReader.withDefaults();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(folder)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Mask> masks = new TreeMap<>();
        for (Path d : dirs) {
            String id = d.getFileName().toString();
            Path f = d.resolve(fileName);
            if (!excluded.contains(id.toLowerCase(Locale.ROOT)) && Files.isRegularFile(f)) {
                masks.put(id, reader.readMask(f));
            }
        }
        if (masks.isEmpty()) {
            throw new InvalidInputException(folder + ": no " + fileName + " lesion masks found in its subfolders");
        }
        return masks;
    }

    /** The library without the shapes of the given subject ids (case-insensitive). */
    public SyntheticLesions excluding(Collection<String> ids) {
        Set<String> excluded = lower(ids);
        List<LesionShape> kept = new ArrayList<>();
        for (LesionShape s : shapes) {
            if (!excluded.contains(s.sourceId().toLowerCase(Locale.ROOT))) {
                kept.add(s);
            }
        }
        return new SyntheticLesions(kept);
    }

    /** The shapes, in source-id then raster order. */
    public List<LesionShape> shapes() {
        return shapes;
    }

    /** Number of shapes. */
    public int size() {
        return shapes.size();
    }

    /** The subject ids the shapes came from. */
    public Set<String> sourceIds() {
        Set<String> ids = new java.util.TreeSet<>();
        for (LesionShape s : shapes) {
            ids.add(s.sourceId());
        }
        return ids;
    }

    /**
     * A subject prepared for pasting: its free white matter and per-channel contrast ratios. Preparing costs
     * a k-means and two distance transforms, so keep it when pasting into one subject many times.
     */
    public static final class Target {
        private final TrainingSubject subject;
        private final Mask whiteMatter;
        private final double[] contrast;
        private final boolean measured;

        Target(TrainingSubject subject, Mask whiteMatter, double[] contrast, boolean measured) {
            this.subject = subject;
            this.whiteMatter = whiteMatter;
            this.contrast = contrast;
            this.measured = measured;
        }

        public TrainingSubject subject() {
            return subject;
        }

        /** The white matter lesions may be pasted into. */
        public Mask whiteMatter() {
            return whiteMatter;
        }

        /** Lesion/WM intensity ratio per channel, in channel order. */
        public double[] contrast() {
            return contrast.clone();
        }

        /** Whether the ratios were measured on the subject's lesions (else defaults by channel name). */
        public boolean contrastMeasured() {
            return measured;
        }
    }

    /**
     * The outcome of one pasting.
     *
     * @param subject      the subject with lesions pasted (same id, channels and brain; new images and mask)
     * @param pasted       lesions pasted (≤ the number asked for when white matter ran out)
     * @param pastedVoxels voxels added to the lesion mask
     */
    public record Result(TrainingSubject subject, int pasted, int pastedVoxels) {
    }

    /** Estimates free white matter and contrast of {@code subject} (raw intensities). */
    public static Target prepare(TrainingSubject subject) {
        Objects.requireNonNull(subject, "subject");
        int wmChannel = subject.channelIndex("T1");
        if (wmChannel < 0) {
            wmChannel = subject.channelIndex("FLAIR");
        }
        if (wmChannel < 0) {
            wmChannel = subject.channelIndex("T2");
        }
        wmChannel = Math.max(0, wmChannel);
        int wmClass = TissueClasses.whiteMatterClass(subject.channelNames().get(wmChannel));
        Mask candidate;
        double minSpacing = Math.min(subject.geometry().spacingMm()[0],
            Math.min(subject.geometry().spacingMm()[1], subject.geometry().spacingMm()[2]));
        double maxSpacing = Math.max(subject.geometry().spacingMm()[0],
            Math.max(subject.geometry().spacingMm()[1], subject.geometry().spacingMm()[2]));
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            Mask eroded = BinaryMorphology.erode(subject.brain(), Math.max(2.0, minSpacing), ctx);
            Mask nearLesion = BinaryMorphology.dilate(subject.lesion(), 2 * maxSpacing, ctx);
            candidate = BinaryMorphology.and(eroded, BinaryMorphology.complement(nearLesion));
            if (candidate.count() < 3) {
                throw new InvalidInputException("subject " + subject.id()
                    + ": too little lesion-free brain to estimate white matter");
            }
            ScalarVolume img = subject.channels().get(wmChannel);
            int n = subject.geometry().voxelCount();
            KMeans.Result km = TissueClasses.fit(img, candidate);
            double lo = wmClass == 0 ? Double.NEGATIVE_INFINITY : (km.center(wmClass - 1) + km.center(wmClass)) / 2;
            double hi = wmClass == 2 ? Double.POSITIVE_INFINITY : (km.center(wmClass) + km.center(wmClass + 1)) / 2;
            Mask.Builder wm = Mask.builder(subject.geometry());
            boolean[] w = wm.array();
            for (int i = 0; i < n; i++) {
                if (candidate.get(i)) {
                    float v = img.get(i);
                    w[i] = v > lo && v <= hi;
                }
            }
            Mask whiteMatter = wm.build();
            if (whiteMatter.count() == 0) {
                throw new InvalidInputException("subject " + subject.id() + ": no white matter found");
            }
            return contrast(subject, whiteMatter);
        }
    }

    private static Target contrast(TrainingSubject s, Mask wm) {
        int channels = s.channelCount();
        double[] ratio = new double[channels];
        boolean measure = s.lesion().count() >= MIN_LESION_VOXELS;
        int n = s.geometry().voxelCount();
        for (int c = 0; c < channels; c++) {
            ScalarVolume v = s.channels().get(c);
            double wmSum = 0;
            double lesSum = 0;
            for (int i = 0; i < n; i++) {
                if (wm.get(i)) {
                    wmSum += v.get(i);
                } else if (measure && s.lesion().get(i)) {
                    lesSum += v.get(i);
                }
            }
            double wmMean = wmSum / wm.count();
            if (!(wmMean > 0)) {
                throw new InvalidInputException("subject " + s.id() + ", channel " + s.channelNames().get(c)
                    + ": white-matter mean " + wmMean + " is not positive; paste synthetic lesions into raw "
                    + "intensities, before normalisation");
            }
            double r = measure ? lesSum / s.lesion().count() / wmMean : Double.NaN;
            ratio[c] = Double.isFinite(r) && r > 0 ? Math.max(0.3, Math.min(3.0, r))
                : defaultContrast(s.channelNames().get(c));
        }
        return new Target(s, wm, ratio, measure);
    }

    /** Default lesion/WM ratio by channel name: FLAIR 1.6, T2 1.5, T1… 0.75, others 1. */
    public static double defaultContrast(String channel) {
        String c = channel.toUpperCase(Locale.ROOT);
        if (c.contains("FLAIR")) {
            return 1.6;
        }
        if (c.startsWith("T2")) {
            return 1.5;
        }
        if (c.startsWith("T1")) {
            return 0.75;
        }
        return 1.0;
    }

    /** Pastes {@code lesionCount} lesions into {@code subject} (raw intensities); see the class comment. */
    public TrainingSubject paste(TrainingSubject subject, int lesionCount, SplittableRandom rnd) {
        return paste(prepare(subject), lesionCount, rnd).subject();
    }

    /** Pastes {@code lesionCount} lesions into a prepared subject. */
    public Result paste(Target target, int lesionCount, SplittableRandom rnd) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(rnd, "rnd");
        if (lesionCount < 0) {
            throw new IllegalArgumentException("lesion count must be >= 0, got " + lesionCount);
        }
        Canvas canvas = new Canvas(target);
        int nx = target.subject.geometry().nx();
        int ny = target.subject.geometry().ny();
        int[] wmVoxels = PatchSampler.indices(target.whiteMatter);
        for (int l = 0; l < lesionCount; l++) {
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                LesionShape shape = shapes.get(rnd.nextInt(shapes.size())).oriented(rnd.nextInt(48));
                int centre = wmVoxels[rnd.nextInt(wmVoxels.length)];
                int x0 = centre % nx - shape.sizeX() / 2;
                int y0 = (centre / nx) % ny - shape.sizeY() / 2;
                int z0 = centre / (nx * ny) - shape.sizeZ() / 2;
                if (!canvas.fits(shape, x0, y0, z0)
                    || freeFraction(shape, canvas.free, x0, y0, z0, nx, ny) < MIN_WM_FRACTION) {
                    continue;
                }
                canvas.add(shape, x0, y0, z0, contrastFactors(target, rnd));
                break;
            }
        }
        return canvas.result();
    }

    private static double freeFraction(LesionShape shape, boolean[] free, int x0, int y0, int z0, int nx, int ny) {
        boolean[] v = shape.voxels();
        int inside = 0;
        int i = 0;
        for (int z = 0; z < shape.sizeZ(); z++) {
            for (int y = 0; y < shape.sizeY(); y++) {
                int base = x0 + nx * (y0 + y + ny * (z0 + z));
                for (int x = 0; x < shape.sizeX(); x++, i++) {
                    if (v[i] && free[base + x]) {
                        inside++;
                    }
                }
            }
        }
        return inside / (double) shape.count();
    }

    /**
     * Pastes a whole lesion mask of another subject where it lies: {@code source} must be on the subject's grid
     * (e.g. both in MNI space). Its voxels in the subject's free white matter are pasted as 26-connected lesions
     * of at least {@link #DEFAULT_MIN_VOXELS} voxels, of any size, each with its own contrast variation. Unlike
     * {@link #paste(Target, int, SplittableRandom)}, shapes keep their position and orientation, so confluent
     * periventricular lesions land beside the ventricles as they do in patients.
     *
     * @throws InvalidInputException when {@code source} is on another grid
     */
    public static Result pasteInPlace(Target target, Mask source, SplittableRandom rnd) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rnd, "rnd");
        TrainingSubject s = target.subject;
        if (!source.geometry().sameGrid(s.geometry(), Tolerance.DEFAULT)) {
            throw new InvalidInputException("subject " + s.id() + ": a lesion mask pasted in place must be on the"
                + " subject's grid");
        }
        Mask inWhiteMatter = BinaryMorphology.and(source, target.whiteMatter);
        Canvas canvas = new Canvas(target);
        for (Placed p : placedComponents(s.id(), inWhiteMatter, DEFAULT_MIN_VOXELS, Integer.MAX_VALUE)) {
            double[] factor = contrastFactors(target, rnd);
            if (canvas.fits(p.shape(), p.x0(), p.y0(), p.z0())) {
                canvas.add(p.shape(), p.x0(), p.y0(), p.z0(), factor);
            }
        }
        return canvas.result();
    }

    /**
     * What one paste call writes: copies of the target's images, lesion mask and free white matter (the target
     * itself stays untouched), and the count of pasted lesions and voxels.
     */
    private static final class Canvas {
        private final TrainingSubject subject;
        private final float[][] img;
        private final boolean[] oldLesion;
        private final boolean[] lesion;
        private final boolean[] free;
        private final int pad = EDGE_KERNEL.length / 2;
        private int pasted;
        private int pastedVoxels;

        Canvas(Target target) {
            subject = target.subject;
            img = new float[subject.channelCount()][];
            for (int c = 0; c < img.length; c++) {
                img[c] = subject.channels().get(c).toArray();
            }
            oldLesion = subject.lesion().toArray();
            lesion = oldLesion.clone();
            free = target.whiteMatter.toArray();
        }

        /** Whether the shape with its box corner at (x0, y0, z0) and its soft edge lies inside the volume. */
        boolean fits(LesionShape shape, int x0, int y0, int z0) {
            ImageGeometry g = subject.geometry();
            return x0 - pad >= 0 && y0 - pad >= 0 && z0 - pad >= 0 && x0 + shape.sizeX() + pad <= g.nx()
                && y0 + shape.sizeY() + pad <= g.ny() && z0 + shape.sizeZ() + pad <= g.nz();
        }

        void add(LesionShape shape, int x0, int y0, int z0, double[] factor) {
            pastedVoxels += blend(shape, x0 - pad, y0 - pad, z0 - pad, pad, subject.geometry().nx(),
                subject.geometry().ny(), img, factor, subject.brain(), oldLesion, lesion, free);
            pasted++;
        }

        Result result() {
            List<ScalarVolume> out = new ArrayList<>(img.length);
            for (float[] channel : img) {
                out.add(ScalarVolume.of(subject.geometry(), channel));
            }
            return new Result(subject.withChannelsAndLesion(out, Mask.of(subject.geometry(), lesion)), pasted,
                pastedVoxels);
        }
    }

    /** The target's lesion/white-matter ratio per channel, each varied by ±{@link #CONTRAST_VARIATION}. */
    private static double[] contrastFactors(Target target, SplittableRandom rnd) {
        double[] factor = new double[target.contrast.length];
        for (int c = 0; c < factor.length; c++) {
            factor[c] = target.contrast[c] * (1 + CONTRAST_VARIATION * (2 * rnd.nextDouble() - 1));
        }
        return factor;
    }

    /** Blends one shape into the images at box origin (bx, by, bz) (padded box); returns new lesion voxels. */
    private static int blend(LesionShape shape, int bx, int by, int bz, int pad, int nx, int ny, float[][] img,
                             double[] factor, Mask brain, boolean[] oldLesion, boolean[] lesion, boolean[] free) {
        int sx = shape.sizeX() + 2 * pad;
        int sy = shape.sizeY() + 2 * pad;
        int sz = shape.sizeZ() + 2 * pad;
        float[] binary = new float[sx * sy * sz];
        boolean[] v = shape.voxels();
        int i = 0;
        for (int z = 0; z < shape.sizeZ(); z++) {
            for (int y = 0; y < shape.sizeY(); y++) {
                for (int x = 0; x < shape.sizeX(); x++, i++) {
                    if (v[i]) {
                        binary[x + pad + sx * (y + pad + sy * (z + pad))] = 1f;
                    }
                }
            }
        }
        float[] w = smooth(binary, sx, sy, sz);
        int added = 0;
        for (int z = 0; z < sz; z++) {
            for (int y = 0; y < sy; y++) {
                int gBase = bx + nx * (by + y + ny * (bz + z));
                int lBase = sx * (y + sy * z);
                for (int x = 0; x < sx; x++) {
                    float weight = Math.max(binary[lBase + x], w[lBase + x]);
                    int g = gBase + x;
                    if (weight < 1e-3f || !brain.get(g) || oldLesion[g]) {
                        continue;
                    }
                    for (int c = 0; c < img.length; c++) {
                        img[c][g] = (float) (img[c][g] * (1 + weight * (factor[c] - 1)));
                    }
                    // Keep later lesions off this one and its soft edge.
                    free[g] = false;
                    if (weight > 0.5f && !lesion[g]) {
                        lesion[g] = true;
                        added++;
                    }
                }
            }
        }
        return added;
    }

    private static float[] smooth(float[] a, int sx, int sy, int sz) {
        int r = EDGE_KERNEL.length / 2;
        int[] size = {sx, sy, sz};
        int[] stride = {1, sx, sx * sy};
        float[] cur = a;
        for (int axis = 0; axis < 3; axis++) {
            float[] out = new float[a.length];
            int n = size[axis];
            int st = stride[axis];
            for (int i = 0; i < a.length; i++) {
                int pos = (i / st) % n;
                float acc = 0;
                for (int k = -r; k <= r; k++) {
                    int p = pos + k;
                    if (p >= 0 && p < n) {
                        acc += EDGE_KERNEL[k + r] * cur[i + k * st];
                    }
                }
                out[i] = acc;
            }
            cur = out;
        }
        return cur;
    }

    private static float[] kernel(double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            sum += Math.exp(-i * i / (2 * sigma * sigma));
        }
        for (int i = -r; i <= r; i++) {
            k[i + r] = (float) (Math.exp(-i * i / (2 * sigma * sigma)) / sum);
        }
        return k;
    }

    /** A lesion shape with the corner of its bounding box in the mask it came from. */
    private record Placed(LesionShape shape, int x0, int y0, int z0) {
    }

    private static List<LesionShape> components(String id, Mask mask, int minVoxels, int maxVoxels) {
        return placedComponents(id, mask, minVoxels, maxVoxels).stream().map(Placed::shape).toList();
    }

    private static List<Placed> placedComponents(String id, Mask mask, int minVoxels, int maxVoxels) {
        Components comps = ConnectedComponents.label(mask, Connectivity.TWENTY_SIX);
        int count = comps.count();
        int nx = mask.geometry().nx();
        int ny = mask.geometry().ny();
        int nz = mask.geometry().nz();
        int[] lo = new int[3 * (count + 1)];
        int[] hi = new int[3 * (count + 1)];
        java.util.Arrays.fill(lo, Integer.MAX_VALUE);
        java.util.Arrays.fill(hi, -1);
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    int l = comps.labels().get(i);
                    if (l == 0) {
                        continue;
                    }
                    lo[3 * l] = Math.min(lo[3 * l], x);
                    lo[3 * l + 1] = Math.min(lo[3 * l + 1], y);
                    lo[3 * l + 2] = Math.min(lo[3 * l + 2], z);
                    hi[3 * l] = Math.max(hi[3 * l], x);
                    hi[3 * l + 1] = Math.max(hi[3 * l + 1], y);
                    hi[3 * l + 2] = Math.max(hi[3 * l + 2], z);
                }
            }
        }
        List<Placed> out = new ArrayList<>();
        for (int l = 1; l <= count; l++) {
            int size = comps.voxelCount(l);
            if (size < minVoxels || size > maxVoxels) {
                continue;
            }
            int bx = hi[3 * l] - lo[3 * l] + 1;
            int by = hi[3 * l + 1] - lo[3 * l + 1] + 1;
            int bz = hi[3 * l + 2] - lo[3 * l + 2] + 1;
            boolean[] v = new boolean[bx * by * bz];
            int k = 0;
            for (int z = 0; z < bz; z++) {
                for (int y = 0; y < by; y++) {
                    for (int x = 0; x < bx; x++, k++) {
                        v[k] = comps.labels().get(lo[3 * l] + x, lo[3 * l + 1] + y, lo[3 * l + 2] + z) == l;
                    }
                }
            }
            out.add(new Placed(new LesionShape(id, bx, by, bz, v, size), lo[3 * l], lo[3 * l + 1], lo[3 * l + 2]));
        }
        return out;
    }

    private static Set<String> lower(Collection<String> ids) {
        Set<String> out = new HashSet<>();
        if (ids != null) {
            for (String s : ids) {
                out.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
