package org.plaque.testkit.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.VolumeAssert;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadPhantomTest {
    /** Coarse cases for the properties that do not need the default resolution. */
    private static final PhantomParams COARSE = PhantomParams.DEFAULTS.withSpacingMm(2.5).withNoise(0);
    private static final PhantomParams COARSE_NOISY_BIASED = COARSE.withNoise(0.03).withBias(true);
    /** The defaults: 1.5 mm, noise 0.03, misposition, 12 lesions. */
    private PhantomCase noisy;
    /** {@link #COARSE}: 2.5 mm, no noise, no bias. */
    private PhantomCase coarse;
    /** {@link #COARSE_NOISY_BIASED}, generated on one thread. */
    private PhantomCase coarseNoisy;

    @BeforeAll
    void generate() {
        noisy = HeadPhantom.generate(PhantomParams.DEFAULTS);
        coarse = HeadPhantom.generate(COARSE);
        try (ExecutionContext one = ExecutionContext.of(1, 7, ProgressListener.NONE)) {
            coarseNoisy = HeadPhantom.generate(COARSE_NOISY_BIASED, one);
        }
    }

    @Test
    void sameParametersGiveBitIdenticalVolumesWhateverTheThreadCount() {
        PhantomCase a = coarseNoisy;
        PhantomCase b;
        try (ExecutionContext three = ExecutionContext.of(3, 8, ProgressListener.NONE)) {
            b = HeadPhantom.generate(COARSE_NOISY_BIASED, three);
        }
        VolumeAssert.assertVoxelsEqual(a.flair(), b.flair());
        VolumeAssert.assertVoxelsEqual(a.t1(), b.t1());
        VolumeAssert.assertVoxelsEqual(a.t2(), b.t2());
        VolumeAssert.assertVoxelsEqual(a.lesionMask(), b.lesionMask());
        VolumeAssert.assertVoxelsEqual(a.lesionLabels(), b.lesionLabels());
        VolumeAssert.assertVoxelsEqual(a.biasField(), b.biasField());
        VolumeAssert.assertVoxelsEqual(a.atlas().t1(), b.atlas().t1());
        VolumeAssert.assertVoxelsEqual(a.atlas().wm(), b.atlas().wm());
        assertThat(a.lesions()).isEqualTo(b.lesions());
        assertThat(a.subjectToAtlas()).isEqualTo(b.subjectToAtlas());
    }

    @Test
    void differentSeedsGiveDifferentPhantoms() {
        PhantomCase a = coarse;
        PhantomCase b = HeadPhantom.generate(COARSE.withSeed(43));
        assertThat(VolumeAssert.maxAbsDiff(a.flair(), b.flair())).isGreaterThan(50);
        assertThat(a.subjectToAtlas().approxEquals(b.subjectToAtlas(), 1e-3)).isFalse();
        assertThat(a.lesions().get(0).centreMm()).isNotEqualTo(b.lesions().get(0).centreMm());
    }

    @Test
    void defaultGridIsTheMniFieldOfViewAtOneAndAHalfMillimetres() {
        ImageGeometry g = noisy.flair().geometry();
        assertThat(g.size()).containsExactly(120, 144, 120);
        assertThat(g.spacingMm()).containsExactly(new double[] {1.5, 1.5, 1.5}, within(1e-12));
        for (ScalarVolume v : List.of(noisy.t1(), noisy.t2(), noisy.atlas().t1(), noisy.tissues().wm())) {
            VolumeAssert.assertSameGeometry(noisy.flair(), v);
        }
        assertThat(noisy.biasField()).isNull();
    }

    @Test
    void lesionMaskIsTheUnionOfOneConnectedBlobPerLesion() {
        List<PhantomLesion> lesions = noisy.lesions();
        assertThat(lesions).hasSize(12);
        int sum = lesions.stream().mapToInt(PhantomLesion::voxels).sum();
        assertThat(noisy.lesionMask().count()).isEqualTo(sum);
        ImageGeometry g = noisy.lesionMask().geometry();
        int[] labels = noisy.lesionLabels().toArray();
        for (int i = 0; i < labels.length; i++) {
            assertThat(labels[i] != 0).isEqualTo(noisy.lesionMask().get(i));
        }
        // Each 6-connected component of the mask holds exactly one lesion's voxels, all of them.
        boolean[] seen = new boolean[labels.length];
        int components = 0;
        for (int start = 0; start < labels.length; start++) {
            if (labels[start] == 0 || seen[start]) {
                continue;
            }
            components++;
            int id = labels[start];
            int size = floodFill6(g, labels, seen, start, id);
            assertThat(size).as("component of lesion %d", id).isEqualTo(lesions.get(id - 1).voxels());
        }
        assertThat(components).isEqualTo(lesions.size());
        for (PhantomLesion l : lesions) {
            assertThat(l.volumeMm3()).isCloseTo(l.voxels() * g.voxelVolumeMm3(), within(1e-9));
            assertThat(l.semiAxesMm()[0]).isGreaterThanOrEqualTo(l.semiAxesMm()[1]);
            assertThat(l.semiAxesMm()[1]).isGreaterThanOrEqualTo(l.semiAxesMm()[2]);
            assertThat(l.semiAxesMm()[2]).isGreaterThanOrEqualTo(1.5);
            assertThat(l.semiAxesMm()[0]).isLessThanOrEqualTo(7.0);
        }
    }

    /** Floods from {@code start} over 6-neighbours of any non-zero label; fails if it meets another label. */
    private static int floodFill6(ImageGeometry g, int[] labels, boolean[] seen, int start, int id) {
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        seen[start] = true;
        int size = 0;
        int[][] steps = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        while (!queue.isEmpty()) {
            int v = queue.poll();
            size++;
            assertThat(labels[v]).as("touching lesions").isEqualTo(id);
            int x = v % nx;
            int y = (v / nx) % ny;
            int z = v / (nx * ny);
            for (int[] s : steps) {
                int xx = x + s[0];
                int yy = y + s[1];
                int zz = z + s[2];
                if (xx >= 0 && yy >= 0 && zz >= 0 && xx < nx && yy < ny && zz < nz) {
                    int w = g.index(xx, yy, zz);
                    if (labels[w] != 0 && !seen[w]) {
                        seen[w] = true;
                        queue.add(w);
                    }
                }
            }
        }
        return size;
    }

    @Test
    void lesionFractionsIntegrateToTheEllipsoidVolumes() {
        // Occupancy is sampled 4×4×4 per voxel, so its sum over a lesion is the ellipsoid volume to ~1 %.
        ImageGeometry g = noisy.flair().geometry();
        double[] fractionSum = new double[noisy.lesions().size() + 1];
        float[] fraction = noisy.tissues().lesion().toArray();
        // Attribute each voxel's fraction to the nearest lesion centre (lesions are far apart).
        double[] p = new double[3];
        for (int i = 0; i < fraction.length; i++) {
            if (fraction[i] == 0) {
                continue;
            }
            g.voxelToWorld().apply(i % g.nx(), (i / g.nx()) % g.ny(), i / (g.nx() * g.ny()), p);
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (PhantomLesion l : noisy.lesions()) {
                double[] c = l.centreMm();
                double d = Math.hypot(Math.hypot(p[0] - c[0], p[1] - c[1]), p[2] - c[2]);
                if (d < bestD) {
                    bestD = d;
                    best = l.id();
                }
            }
            fractionSum[best] += fraction[i];
        }
        for (PhantomLesion l : noisy.lesions()) {
            double analytic = l.ellipsoidVolumeMm3();
            assertThat(fractionSum[l.id()] * g.voxelVolumeMm3()).as("lesion %d", l.id())
                .isCloseTo(analytic, within(0.03 * analytic + 1));
            // The voxelised truth (fraction ≥ 0.5) is close to the analytic volume too, for all but tiny lesions.
            if (l.voxels() >= 20) {
                assertThat(l.volumeMm3()).as("lesion %d", l.id()).isCloseTo(analytic, within(0.25 * analytic));
            }
        }
    }

    @Test
    void everySiteIsRepresentedAndEachLesionSitsWhereItsSiteSays() {
        Set<LesionSite> sites = EnumSet.noneOf(LesionSite.class);
        PhantomAtlas atlas = noisy.atlas();
        for (PhantomLesion l : noisy.lesions()) {
            sites.add(l.site());
            double[] c = l.centreMm();
            double[] a = noisy.subjectToAtlas().apply(c[0], c[1], c[2]);
            double major = l.semiAxesMm()[0] * 1.05;
            double minor = l.semiAxesMm()[2] / 1.05;
            // Every lesion is centred in white matter of the lesion-free anatomy.
            assertThat(sample(atlas.wm(), a)).as("WM at centre of %s", l).isGreaterThan(0.5);
            switch (l.site()) {
                case PERIVENTRICULAR -> {
                    assertThat(maxWithin(atlas.csf(), a, major + 1.5)).as("ventricle near %s", l).isGreaterThan(0.5);
                    assertThat(Math.abs(a[0])).isLessThan(40);
                    assertThat(a[2]).isBetween(-5.0, 40.0);
                }
                case JUXTACORTICAL -> {
                    assertThat(maxWithin(atlas.gm(), a, major + 1.5)).as("cortex near %s", l).isGreaterThan(0.5);
                    assertThat(maxWithin(atlas.csf(), a, minor)).as("no CSF inside %s", l).isLessThan(0.5);
                }
                case DEEP_WHITE_MATTER -> {
                    assertThat(maxWithin(atlas.gm(), a, minor + 1)).as("no GM near %s", l).isLessThan(0.5);
                    assertThat(maxWithin(atlas.csf(), a, minor + 1)).as("no CSF near %s", l).isLessThan(0.5);
                }
                case INFRATENTORIAL -> {
                    assertThat(a[2]).as("below the tentorium: %s", l).isLessThan(-10);
                    assertThat(a[1]).isLessThan(-15);
                }
            }
        }
        assertThat(sites).containsExactlyInAnyOrder(LesionSite.values());
    }

    @Test
    void lesionsAreBrightOnFlairAndT2AndDarkOnT1() {
        double[] lesion = meansWhere(noisy, Region.LESION);
        double[] wm = meansWhere(noisy, Region.WM);
        double[] gm = meansWhere(noisy, Region.GM);
        double[] csf = meansWhere(noisy, Region.CSF);
        // FLAIR: lesion > GM > WM > CSF.
        assertThat(lesion[0]).isGreaterThan(1.4 * wm[0]);
        assertThat(gm[0]).isGreaterThan(1.1 * wm[0]);
        assertThat(wm[0]).isGreaterThan(4 * csf[0]);
        assertThat(wm[0]).isCloseTo(300, within(15.0));
        // T1: WM > GM > CSF, lesions hypointense.
        assertThat(lesion[1]).isLessThan(0.85 * wm[1]);
        assertThat(wm[1]).isGreaterThan(gm[1]);
        assertThat(gm[1]).isGreaterThan(csf[1]);
        // T2: CSF brightest, lesions bright.
        assertThat(csf[2]).isGreaterThan(2 * lesion[2]);
        assertThat(lesion[2]).isGreaterThan(1.5 * wm[2]);
    }

    private enum Region { LESION, WM, GM, CSF }

    private static double[] meansWhere(PhantomCase c, Region region) {
        float[] wm = c.tissues().wm().toArray();
        float[] gm = c.tissues().gm().toArray();
        float[] csf = c.tissues().csf().toArray();
        float[] les = c.tissues().lesion().toArray();
        Mask brain = c.brainMask();
        ScalarVolume[] vols = {c.flair(), c.t1(), c.t2()};
        double[] sum = new double[3];
        int n = 0;
        for (int i = 0; i < wm.length; i++) {
            boolean in = switch (region) {
                case LESION -> c.lesionMask().get(i);
                case WM -> wm[i] == 1 && les[i] == 0;
                case GM -> gm[i] == 1 && brain.get(i);
                case CSF -> csf[i] == 1 && brain.get(i);
            };
            if (in) {
                n++;
                for (int k = 0; k < 3; k++) {
                    sum[k] += vols[k].get(i);
                }
            }
        }
        assertThat(n).as("voxels in %s", region).isGreaterThan(100);
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / n};
    }

    @Test
    void atlasProbabilitiesArePartialVolumeFractionsThatSumToOneInTheBrain() {
        PhantomAtlas atlas = noisy.atlas();
        float[] wm = atlas.wm().toArray();
        float[] gm = atlas.gm().toArray();
        float[] csf = atlas.csf().toArray();
        int partial = 0;
        for (int i = 0; i < wm.length; i++) {
            for (float v : new float[] {wm[i], gm[i], csf[i]}) {
                assertThat(v).isBetween(0f, 1f);
            }
            if (atlas.brainMask().get(i)) {
                assertThat(wm[i] + gm[i] + csf[i]).isCloseTo(1f, within(1e-5f));
                if (wm[i] > 0 && wm[i] < 1) {
                    partial++;
                }
            }
        }
        assertThat(partial).as("voxels with partial-volume WM").isGreaterThan(10_000);
        double brainMl = atlas.brainMask().volumeMm3() / 1000;
        assertThat(brainMl).as("brain volume, mL").isBetween(1100.0, 1700.0);
        double wmMl = sum(wm) * atlas.wm().geometry().voxelVolumeMm3() / 1000;
        double gmMl = sum(gm) * atlas.wm().geometry().voxelVolumeMm3() / 1000;
        assertThat(wmMl).as("WM, mL").isBetween(350.0, 800.0);
        assertThat(gmMl).as("GM, mL").isBetween(400.0, 800.0);
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    @Test
    void biasFieldIsSmoothAroundOneAndIsWhatMultipliesTheImages() {
        PhantomCase plain = coarse;
        PhantomCase biased = HeadPhantom.generate(COARSE.withBias(true));
        ScalarVolume field = biased.biasField();
        assertThat(field).isNotNull();
        double sum = 0;
        int n = 0;
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (int i = 0; i < field.geometry().voxelCount(); i++) {
            if (plain.flair().get(i) > 0) {
                lo = Math.min(lo, field.get(i));
                hi = Math.max(hi, field.get(i));
            }
            if (plain.brainMask().get(i)) {
                sum += field.get(i);
                n++;
            }
            // The images are the unbiased ones times the field, in every contrast.
            assertThat(biased.flair().get(i)).isCloseTo(plain.flair().get(i) * field.get(i), within(1e-3f));
            assertThat(biased.t1().get(i)).isCloseTo(plain.t1().get(i) * field.get(i), within(1e-3f));
        }
        assertThat(sum / n).isCloseTo(1.0, within(0.03));
        assertThat(lo).isGreaterThanOrEqualTo(0.8 - 1e-6);
        assertThat(hi).isLessThanOrEqualTo(1.25 + 1e-6);
        assertThat(hi - lo).as("a field worth correcting").isGreaterThan(0.2);
        VolumeAssert.assertVoxelsEqual(plain.lesionMask(), biased.lesionMask());
    }

    @Test
    void airBackgroundHasTheRayleighStatisticsOfTheRequestedSigma() {
        // Bias multiplies the signal before the noise is added, so air stays pure noise.
        ScalarVolume[] noisyVols = {coarseNoisy.flair(), coarseNoisy.t1(), coarseNoisy.t2()};
        ScalarVolume[] cleanVols = {coarse.flair(), coarse.t1(), coarse.t2()};
        double[] wmScale = {300, 420, 110};
        for (int c = 0; c < 3; c++) {
            double sigma = 0.03 * wmScale[c];
            double sum = 0;
            double sum2 = 0;
            long n = 0;
            for (int i = 0; i < cleanVols[c].geometry().voxelCount(); i++) {
                if (cleanVols[c].get(i) == 0) {
                    double v = noisyVols[c].get(i);
                    sum += v;
                    sum2 += v * v;
                    n++;
                }
            }
            assertThat(n).isGreaterThan(100_000);
            // Rayleigh: E[v²] = 2σ², E[v] = σ·√(π/2).
            assertThat(Math.sqrt(sum2 / n / 2)).as("sigma from second moment, contrast %d", c)
                .isCloseTo(sigma, within(0.1 * sigma));
            assertThat(sum / n).as("Rayleigh mean, contrast %d", c)
                .isCloseTo(sigma * Math.sqrt(Math.PI / 2), within(0.1 * sigma));
        }
        assertThat(coarse.flair().statistics().min()).isEqualTo(0.0);
    }

    @Test
    void withoutMispositionTheSubjectIsTheAtlasPlusLesions() {
        PhantomCase c = HeadPhantom.generate(COARSE.withMisposition(false).withLesionCount(4));
        assertThat(c.lesions()).extracting(PhantomLesion::site).containsExactly(LesionSite.values());
        assertThat(c.subjectToAtlas()).isEqualTo(Affine.identity());
        VolumeAssert.assertVoxelsEqual(c.atlas().brainMask(), c.brainMask());
        VolumeAssert.assertVoxelsEqual(c.atlas().wm(), c.tissues().wm());
        // Away from lesions the subject T1 is the atlas template.
        ImageGeometry g = c.t1().geometry();
        double[] p = new double[3];
        int compared = 0;
        for (int i = 0; i < g.voxelCount(); i++) {
            g.voxelToWorld().apply(i % g.nx(), (i / g.nx()) % g.ny(), i / (g.nx() * g.ny()), p);
            if (farFromLesions(c, p)) {
                assertThat(c.t1().get(i)).isEqualTo(c.atlas().t1().get(i));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(g.voxelCount() / 2);
    }

    private static boolean farFromLesions(PhantomCase c, double[] p) {
        for (PhantomLesion l : c.lesions()) {
            double[] q = l.centreMm();
            double r = 1.5 * l.semiAxesMm()[0] + 3;
            if (Math.hypot(Math.hypot(p[0] - q[0], p[1] - q[1]), p[2] - q[2]) < r) {
                return false;
            }
        }
        return true;
    }

    @Test
    void mispositionIsASmallRigidLikeAffine() {
        Affine s2a = noisy.subjectToAtlas();
        assertThat(s2a.approxEquals(Affine.identity(), 1e-3)).isFalse();
        assertThat(s2a.determinant()).isBetween(1 / 1.158, 1 / 0.857);
        double[] t = s2a.apply(0, -18, 16);
        assertThat(Math.hypot(Math.hypot(t[0], t[1] + 18), t[2] - 16)).as("shift of the brain centre, mm")
            .isBetween(2.0, 15.0);
    }

    @Test
    void subjectToAtlasMapsTheSubjectVentricleCentreToTheAtlasVentricleCentre() {
        // Lateral ventricle bodies: CSF inside an atlas box below the corpus callosum; subject voxels are
        // selected by where subjectToAtlas sends them, so both sides weigh the same anatomy.
        double[] atlasCentre = csfCentroid(noisy.atlas().csf(), Affine.identity());
        double[] subjectCentre = csfCentroid(noisy.tissues().csf(), noisy.subjectToAtlas());
        double[] mapped = noisy.subjectToAtlas().apply(subjectCentre[0], subjectCentre[1], subjectCentre[2]);
        for (int d = 0; d < 3; d++) {
            assertThat(mapped[d]).as("axis %d", d).isCloseTo(atlasCentre[d], within(0.5));
        }
        double moved = Math.hypot(Math.hypot(subjectCentre[0] - atlasCentre[0], subjectCentre[1] - atlasCentre[1]),
            subjectCentre[2] - atlasCentre[2]);
        assertThat(moved).as("the misposition moves the ventricles").isGreaterThan(2);
    }

    private static double[] csfCentroid(ScalarVolume csf, Affine toAtlas) {
        ImageGeometry g = csf.geometry();
        double[] p = new double[3];
        double[] a = new double[3];
        double[] sum = new double[3];
        double w = 0;
        for (int i = 0; i < g.voxelCount(); i++) {
            float f = csf.get(i);
            if (f == 0) {
                continue;
            }
            g.voxelToWorld().apply(i % g.nx(), (i / g.nx()) % g.ny(), i / (g.nx() * g.ny()), p);
            toAtlas.apply(p[0], p[1], p[2], a);
            if (Math.abs(a[0]) < 30 && a[1] > -42 && a[1] < 28 && a[2] > 0 && a[2] < 33) {
                for (int d = 0; d < 3; d++) {
                    sum[d] += f * p[d];
                }
                w += f;
            }
        }
        assertThat(w).isGreaterThan(1000);
        return new double[] {sum[0] / w, sum[1] / w, sum[2] / w};
    }

    @Test
    void zeroLesionsGiveAnEmptyMask() {
        PhantomCase none = HeadPhantom.generate(COARSE.withLesionCount(0).withMisposition(false));
        assertThat(none.lesions()).isEmpty();
        assertThat(none.lesionMask().count()).isZero();
        assertThat(none.tissues().lesion().statistics().max()).isZero();
    }

    @Test
    void parametersOutsideTheirRangesAreRejected() {
        assertThatThrownBy(() -> PhantomParams.DEFAULTS.withSpacingMm(0.1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spacing");
        assertThatThrownBy(() -> PhantomParams.DEFAULTS.withNoise(-0.1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noise");
        assertThatThrownBy(() -> PhantomParams.DEFAULTS.withLesionCount(41))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lesion count");
        PhantomParams p = PhantomParams.DEFAULTS.withSeed(5).withBias(true).withNoise(0.1).withLesionCount(3)
            .withMisposition(false).withSpacingMm(2);
        assertThat(p).isEqualTo(new PhantomParams(5, 2, true, 0.1, 3, false));
    }

    /** Nearest-voxel value of {@code v} at world point {@code a}. */
    private static double sample(ScalarVolume v, double[] a) {
        double[] idx = v.geometry().worldToVoxel().apply(a[0], a[1], a[2]);
        return v.get((int) Math.round(idx[0]), (int) Math.round(idx[1]), (int) Math.round(idx[2]));
    }

    /** Largest value of {@code v} over voxels whose centres lie within {@code radiusMm} of world point a. */
    private static double maxWithin(ScalarVolume v, double[] a, double radiusMm) {
        ImageGeometry g = v.geometry();
        double[] idx = g.worldToVoxel().apply(a[0], a[1], a[2]);
        int r = (int) Math.ceil(radiusMm / g.spacingMm()[0]) + 1;
        double[] p = new double[3];
        double best = 0;
        for (int k = (int) idx[2] - r; k <= (int) idx[2] + r; k++) {
            for (int j = (int) idx[1] - r; j <= (int) idx[1] + r; j++) {
                for (int i = (int) idx[0] - r; i <= (int) idx[0] + r; i++) {
                    if (!g.contains(i, j, k)) {
                        continue;
                    }
                    g.voxelToWorld().apply(i, j, k, p);
                    if (Math.hypot(Math.hypot(p[0] - a[0], p[1] - a[1]), p[2] - a[2]) <= radiusMm) {
                        best = Math.max(best, v.get(i, j, k));
                    }
                }
            }
        }
        return best;
    }
}
