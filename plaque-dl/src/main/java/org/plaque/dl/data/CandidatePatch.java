package org.plaque.dl.data;

import java.util.Arrays;

/**
 * One labelled candidate patch of the longitudinal change detector, as the filter network sees it (issue 7,
 * item 2). Pure arrays so that plaque-dl needs nothing from the pipeline that produces the candidates.
 *
 * @param channels      {@code channelCount × D × H × W} values, channel-major, x fastest (the
 *                      {@code DL_CONTRACT} layout); for the new-lesion filter: baseline FLAIR z, follow-up FLAIR
 *                      z, depth (mm), vertex → neck, occiput → nose
 * @param channelCount  C, ≥ 1
 * @param shape         {D, H, W} = patch size along z, y, x, each ≥ 1
 * @param label         per-voxel reference (0/1) of shape {D, H, W}, or all zeros when unknown
 * @param candidate     per-voxel 1 where the candidate itself lies, 0 elsewhere (shape {D, H, W})
 * @param labelFraction fraction of the candidate's voxels inside the reference change mask, in [0, 1]
 * @throws IllegalArgumentException when the arrays do not match the shape
 */
public record CandidatePatch(float[] channels, int channelCount, int[] shape, float[] label, float[] candidate,
                             double labelFraction) {
    public CandidatePatch {
        if (channelCount < 1 || shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw new IllegalArgumentException("candidate patch: bad channel count or shape " + Arrays.toString(shape));
        }
        int voxels = shape[0] * shape[1] * shape[2];
        if (channels.length != channelCount * voxels || label.length != voxels || candidate.length != voxels) {
            throw new IllegalArgumentException("candidate patch: arrays do not match shape " + Arrays.toString(shape));
        }
        if (!(labelFraction >= 0 && labelFraction <= 1)) {
            throw new IllegalArgumentException("candidate patch: label fraction " + labelFraction + " not in [0, 1]");
        }
        shape = shape.clone();
    }

    /** Voxels per channel (D·H·W). */
    public int voxels() {
        return shape[0] * shape[1] * shape[2];
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
