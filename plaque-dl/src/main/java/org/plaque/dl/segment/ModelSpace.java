package org.plaque.dl.segment;

import java.util.ArrayList;
import java.util.List;
import org.plaque.InvalidInputException;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Tolerance;
import org.plaque.image.Connectivity;
import org.plaque.image.Interpolation;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.segment.components.ConnectedComponents;

/**
 * A subject's images as a model sees them, and the way back: the checked input images resampled (trilinear)
 * onto the model's grid around the brain ({@link ModelGrid}) and z-scored inside the brain; maps computed there
 * are resampled onto the input grid, kept non-negative and zero outside the brain; lesions are thresholded
 * probabilities without small components. Shared by every segmenter so they prepare and report alike.
 */
final class ModelSpace {
    private final ImageGeometry input;
    private final ImageGeometry model;
    private final Mask brain;
    private final Mask brainOnModel;
    private final List<ScalarVolume> channels;

    private ModelSpace(ImageGeometry input, ImageGeometry model, Mask brain, Mask brainOnModel,
                       List<ScalarVolume> channels) {
        this.input = input;
        this.model = model;
        this.brain = brain;
        this.brainOnModel = brainOnModel;
        this.channels = channels;
    }

    /**
     * Checks and prepares {@code images}.
     *
     * @param names       the model's channel names, in order
     * @param images      the images in that order, on one grid
     * @param brain       the brain mask on that grid
     * @param spacingMm   the model's spacing
     * @param orientation the model's axis code
     * @param normalisation the model's input intensity normalisation
     * @param marginMm    margin around the brain on the model grid
     * @throws InvalidInputException for a wrong image count, images off the grid, non-finite voxels or an empty
     *                               brain mask
     */
    static ModelSpace prepare(List<String> names, List<ScalarVolume> images, Mask brain, double[] spacingMm,
                              String orientation, InputNormalisation normalisation, double marginMm,
                              ExecutionContext ctx) {
        if (images.size() != names.size()) {
            throw new InvalidInputException("the model needs " + names + " but got " + images.size() + " images");
        }
        ImageGeometry grid = images.get(0).geometry();
        for (int c = 1; c < images.size(); c++) {
            grid.requireSameGrid(images.get(c).geometry(), Tolerance.DEFAULT, names.get(c) + " and " + names.get(0));
        }
        grid.requireSameGrid(brain.geometry(), Tolerance.DEFAULT, "the brain mask and the images");
        if (brain.count() == 0) {
            throw new InvalidInputException("the brain mask is empty: nothing to segment");
        }
        ImageGeometry model = ModelGrid.covering(grid, brain, spacingMm, orientation, marginMm, 1);
        Mask brainOnModel = Resample.mask(brain, model, Affine.identity(), ctx);
        List<ScalarVolume> prepared = new ArrayList<>(images.size());
        for (int c = 0; c < images.size(); c++) {
            ScalarVolume v = images.get(c);
            if (v.statistics().nonFinite() > 0) {
                throw new InvalidInputException(names.get(c) + " has non-finite voxels");
            }
            ScalarVolume resampled = Resample.scalar(v, model, Affine.identity(), Interpolation.LINEAR, 0f, ctx);
            prepared.add(normalisation.apply(resampled, brainOnModel, names.get(c)));
        }
        return new ModelSpace(grid, model, brain, brainOnModel, List.copyOf(prepared));
    }

    /** The model grid. */
    ImageGeometry model() {
        return model;
    }

    /** The brain on the model grid. */
    Mask brainOnModel() {
        return brainOnModel;
    }

    /** The normalised images on the model grid, in the model's channel order. */
    List<ScalarVolume> channels() {
        return channels;
    }

    /** A map of the model grid on the input grid: trilinear, negative values and voxels outside the brain 0. */
    ScalarVolume toInput(ScalarVolume onModel, ExecutionContext ctx) {
        ScalarVolume.Builder b = Resample.scalar(onModel, input, Affine.identity(), Interpolation.LINEAR, 0f, ctx)
            .toBuilder();
        float[] a = b.array();
        for (int i = 0; i < a.length; i++) {
            if (!brain.get(i) || a[i] < 0) {
                a[i] = 0;
            }
        }
        return b.build();
    }

    /** Voxels of {@code probability} above {@code threshold} without 6-connected components below the volume. */
    Mask lesions(ScalarVolume probability, double threshold, double minLesionMm3) {
        int minVoxels = (int) Math.ceil(minLesionMm3 / input.voxelVolumeMm3() - 1e-9);
        return ConnectedComponents.withoutSmall(Mask.above(probability, threshold), minVoxels, Connectivity.SIX);
    }
}
