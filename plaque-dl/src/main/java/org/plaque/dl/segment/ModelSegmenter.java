package org.plaque.dl.segment;

import java.util.List;
import org.plaque.InvalidInputException;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.exec.ExecutionContext;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * A trained lesion segmenter opened from a model bundle, whatever its architecture: the U-Nets
 * ({@link DeepLesionSegmenter}) or the patch-CNN cascade ({@link CascadeSegmenter}). Holds native memory (the
 * networks' weights): close it.
 */
public interface ModelSegmenter extends AutoCloseable {
    /**
     * Segments lesions; the result is on the grid of the first channel.
     *
     * @param channels the images in the model's input-channel order, on one grid
     * @param brain    the brain mask on that grid
     * @throws InvalidInputException for images off the grid, non-finite values or an empty brain mask
     */
    DeepLesionSegmenter.Result segment(List<ScalarVolume> channels, Mask brain, ExecutionContext ctx);

    @Override
    void close();

    /**
     * The segmenter for {@code bundle}'s architecture: {@code unet3d}/{@code unet2d} →
     * {@link DeepLesionSegmenter#fromBundle}, {@code cascade} → {@link CascadeSegmenter#fromBundle}.
     *
     * @throws InvalidInputException for an unknown architecture or weights that do not fit
     */
    static ModelSegmenter open(ModelBundle bundle) {
        String arch = bundle.model().architecture();
        return switch (arch) {
            case "unet3d", "unet2d" -> DeepLesionSegmenter.fromBundle(bundle);
            case "cascade" -> CascadeSegmenter.fromBundle(bundle);
            default -> throw new InvalidInputException("model " + bundle.model().name() + ": architecture " + arch
                + " cannot be run (known: unet3d, unet2d, cascade)");
        };
    }
}
