package org.plaque.testkit.phantom;

import java.util.List;
import org.plaque.geom.Affine;
import org.plaque.geom.Tolerance;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * One generated phantom subject with its known answers.
 *
 * <p>All subject volumes share one axis-aligned grid stored in RAS order (voxel axes along +x, +y, +z, so
 * voxel (0, 0, 0) is the left-posterior-inferior corner) covering the same field of view as the atlas; tests
 * that need other storage orders reorient it.
 * Intensities are float32 in scanner-like units: white matter ≈ 300 on FLAIR, 420 on T1, 110 on T2 before
 * bias and noise.
 *
 * @param params         the parameters it was generated from
 * @param flair          T2-FLAIR (CSF suppressed, lesions bright), with bias and noise as requested
 * @param t1             T1-weighted (MPRAGE-like; lesions hypointense), with bias and noise as requested
 * @param t2             T2-weighted (CSF and lesions bright), with bias and noise as requested
 * @param lesionMask     truth: voxels whose lesion fraction is ≥ 0.5
 * @param lesions        the lesions, in id order; their voxel counts sum to the mask's count
 * @param biasField      the multiplicative field applied to all three contrasts, or {@code null} when none
 * @param subjectToAtlas world-to-world affine: maps a subject world point (RAS+ mm) to the atlas world point
 *                       with the same anatomy; the identity when there is no misposition
 * @param brainMask      subject-space truth brain mask (same definition as {@link PhantomAtlas#brainMask()})
 * @param atlas          the lesion-free template the subject was made from
 * @param lesionLabels   truth lesion labels: 0 outside lesions, else the {@link PhantomLesion#id()}
 * @param tissues        subject-space tissue fractions (lesion-free) and lesion fraction
 */
public record PhantomCase(PhantomParams params, ScalarVolume flair, ScalarVolume t1, ScalarVolume t2,
                          Mask lesionMask, List<PhantomLesion> lesions, ScalarVolume biasField,
                          Affine subjectToAtlas, Mask brainMask, PhantomAtlas atlas,
                          LabelVolume lesionLabels, PhantomTissues tissues) {
    public PhantomCase {
        lesions = List.copyOf(lesions);
    }

    /**
     * {@code image} (one of this subject's volumes) as a skull-stripped input looks: 0 outside
     * {@link #brainMask()}.
     */
    public ScalarVolume skullStripped(ScalarVolume image) {
        image.geometry().requireSameGrid(brainMask.geometry(), Tolerance.DEFAULT, "the image and the phantom's brain");
        ScalarVolume.Builder b = image.toBuilder();
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            if (!brainMask.get(i)) {
                a[i] = 0;
            }
        }
        return b.build();
    }
}
