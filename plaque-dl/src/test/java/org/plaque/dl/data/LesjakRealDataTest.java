package org.plaque.dl.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.morphology.BinaryMorphology;
import org.plaque.image.Mask;

/** Discovery, sampling and synthetic lesions on the Lesjak 2018 MNI subjects in ../shared/data. */
@Tag("realdata")
class LesjakRealDataTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data");

    @Test
    void discoversSamplesAndPastesIntoPatient07() {
        Path mni = DATA.resolve("lesjak2017_cross_sectional_mni");
        Path masks = DATA.resolve("lesjak2017_cross_sectional_masks");
        Assumptions.assumeTrue(Files.isDirectory(mni) && Files.isDirectory(masks), "shared data absent");

        long t0 = System.nanoTime();
        List<TrainingSubject> raw = SubjectFolders.discover(mni, List.of("FLAIR", "T1", "T2", "T1POST"));
        long t1 = System.nanoTime();
        assertThat(raw).extracting(TrainingSubject::id).containsExactly("patient07", "patient19");
        assertThat(raw.get(0).channelCount()).isEqualTo(4);
        // MANIFEST: 1300 mm³ and 49769 mm³ at 1 mm³ voxels.
        assertThat(raw.get(0).lesion().count()).isEqualTo(1300);
        assertThat(raw.get(1).lesion().count()).isEqualTo(49769);

        List<TrainingSubject> norm = raw.stream().map(InputNormalisation.ZSCORE_BRAIN::apply).toList();
        long t2 = System.nanoTime();
        PatchSampler sampler = new PatchSampler(norm, new int[] {64, 64, 64});
        Augmentation aug = Augmentation.withDefaults();
        SplittableRandom rnd = new SplittableRandom(1);
        int lesionPatches = 0;
        int n = 20;
        long sampleNs = 0;
        long augNs = 0;
        for (int i = 0; i < n; i++) {
            long a = System.nanoTime();
            Patch p = sampler.sample(rnd);
            long b = System.nanoTime();
            Patch q = aug.apply(p, rnd);
            augNs += System.nanoTime() - b;
            sampleNs += b - a;
            if (q.lesionVoxels() > 0) {
                lesionPatches++;
            }
        }
        assertThat(lesionPatches).isGreaterThanOrEqualTo(n / 3);

        SyntheticLesions lib = SyntheticLesions.load(masks, "GOLD_STANDARD_MNI.nii.gz", Set.of("patient07"));
        long t3 = System.nanoTime();
        assertThat(lib.sourceIds()).hasSizeGreaterThanOrEqualTo(20).doesNotContain("patient07");
        TrainingSubject p07 = raw.get(0);
        SyntheticLesions.Target target = SyntheticLesions.prepare(p07);
        long t4 = System.nanoTime();
        SyntheticLesions.Result r = lib.paste(target, 10, new SplittableRandom(5));
        long t5 = System.nanoTime();
        assertThat(r.pasted()).isGreaterThanOrEqualTo(8);
        TrainingSubject out = r.subject();
        Mask added = Mask.of(out.geometry(), addedVoxels(out.lesion(), p07.lesion()));
        assertThat(added.count()).isEqualTo(r.pastedVoxels()).isPositive();
        double lesionFlair = 0;
        double ringFlair = 0;
        int ring = 0;
        try (ExecutionContext ctx = ExecutionContext.singleThreaded()) {
            Mask near = BinaryMorphology.dilate(added, 4.0, ctx);
            for (int i = 0; i < out.geometry().voxelCount(); i++) {
                if (added.get(i)) {
                    assertThat(p07.brain().get(i)).isTrue();
                    lesionFlair += out.channel("FLAIR").get(i);
                } else if (near.get(i) && target.whiteMatter().get(i)) {
                    ringFlair += out.channel("FLAIR").get(i);
                    ring++;
                }
            }
        }
        double ratio = (lesionFlair / added.count()) / (ringFlair / ring);
        System.out.printf("lesjak: discover %.1f s, normalise %.1f s, 64^3 patch %.1f ms + augmentation %.1f ms,"
                + " library %d shapes from %d masks in %.1f s, prepare %.1f s, paste %d lesions (%d voxels) %.2f s,"
                + " FLAIR pasted/surrounding WM %.2f, contrast %s (measured %s)%n",
            (t1 - t0) / 1e9, (t2 - t1) / 1e9, sampleNs / 1e6 / n, augNs / 1e6 / n, lib.size(),
            lib.sourceIds().size(), (t3 - t2) / 1e9, (t4 - t3) / 1e9, r.pasted(), r.pastedVoxels(), (t5 - t4) / 1e9,
            ratio, java.util.Arrays.toString(target.contrast()), target.contrastMeasured());
        assertThat(ratio).isGreaterThan(1.2);
    }

    private static boolean[] addedVoxels(Mask now, Mask before) {
        boolean[] a = now.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] &= !before.get(i);
        }
        return a;
    }
}
