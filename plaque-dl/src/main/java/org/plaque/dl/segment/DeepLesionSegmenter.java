package org.plaque.dl.segment;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.infer.EnsemblePrediction;
import org.plaque.dl.infer.Flip;
import org.plaque.dl.infer.PatchPredictor;
import org.plaque.dl.infer.SlidingWindow;
import org.plaque.dl.nn.NetworkSpec;
import org.plaque.dl.train.BlockForward;
import org.plaque.dl.train.Weights;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Lesion segmentation with a trained U-Net (3D, or 2D on axial slices): the images are resampled (trilinear)
 * onto the model's grid around the brain ({@link ModelGrid}), z-scored inside the brain, predicted by a
 * sliding window with Gaussian blending over every checkpoint of the ensemble × every test-time flip
 * ({@link EnsemblePrediction}), and the mean probability and its variance (the uncertainty) are resampled back
 * onto the input grid. Lesions = brain voxels with probability above the threshold, without connected
 * components (6-connectivity) smaller than the minimum lesion volume.
 *
 * <p>Holds native memory (the networks' weights): close it.
 */
public final class DeepLesionSegmenter implements ModelSegmenter {
    /** Margin around the brain on the model grid, mm: the network sees some background at the border. */
    private static final double MARGIN_MM = 8;

    /**
     * How the model is applied.
     *
     * @param channels      input channel names in the network's order, e.g. ["FLAIR"]
     * @param spacingMm     model voxel spacing (x, y, z), mm
     * @param orientation   model axis code, e.g. LAS
     * @param normalisation input intensity normalisation (the model card's)
     * @param patch         sliding-window patch {D, H, W} (D = 1 for a slice network)
     * @param overlap       window overlap fraction
     * @param threshold     probability above which a voxel is lesion
     * @param minLesionMm3  smallest lesion kept, mm³
     * @param flips         test-time flips (include {@link Flip#NONE})
     */
    public record Settings(List<String> channels, double[] spacingMm, String orientation,
                           InputNormalisation normalisation, int[] patch, double overlap, double threshold,
                           double minLesionMm3, Set<Flip> flips) {
        public Settings {
            channels = List.copyOf(channels);
            spacingMm = spacingMm.clone();
            patch = patch.clone();
            flips = Set.copyOf(flips);
            Objects.requireNonNull(normalisation, "normalisation");
            if (!(threshold > 0 && threshold < 1) || !(minLesionMm3 >= 0)) {
                throw new InvalidInputException("threshold must be in (0, 1) and the minimum lesion volume ≥ 0");
            }
        }

        /** The same settings with other flips. */
        public Settings withFlips(Set<Flip> newFlips) {
            return new Settings(channels, spacingMm, orientation, normalisation, patch, overlap, threshold,
                minLesionMm3, newFlips);
        }
    }

    /**
     * The segmentation on the input grid.
     *
     * @param probability mean lesion probability, 0 outside the brain
     * @param uncertainty variance of the probability across ensemble members and flips
     * @param lesions     the lesion mask
     * @param details     figures for provenance (model grid, members, timings)
     */
    public record Result(ScalarVolume probability, ScalarVolume uncertainty, Mask lesions,
                         Map<String, Object> details) {
    }

    private final NetworkSpec network;
    private final Settings settings;
    private final NDManager manager;
    private final List<PatchPredictor> members = new ArrayList<>();

    /**
     * A segmenter with one network per weights entry (an ensemble when there are several).
     *
     * @throws InvalidInputException when weights do not fit the network
     */
    public DeepLesionSegmenter(NetworkSpec network, List<byte[]> weights, Settings settings) {
        if (weights.isEmpty()) {
            throw new InvalidInputException("a model needs at least one weights file");
        }
        if (network.inputChannels() != settings.channels().size()) {
            throw new InvalidInputException("the network takes " + network.inputChannels() + " channels but the model"
                + " lists " + settings.channels());
        }
        this.network = network;
        this.settings = settings;
        this.manager = DlEngine.newManager();
        int[] spatial = network.spatialDims() == 3 ? settings.patch()
            : new int[] {settings.patch()[1], settings.patch()[2]};
        for (int i = 0; i < weights.size(); i++) {
            Block block = network.newBlock();
            Weights.load(block, manager, network.inputShape(1, spatial), weights.get(i), "weights #" + (i + 1));
            members.add(new BlockForward(block, manager));
        }
    }

    /**
     * The segmenter a U-Net bundle describes: its network, every weights file (an ensemble when several), and
     * two test-time members per network — as is and mirrored left–right (the brain's own symmetry; up–down and
     * front–back mirrors double the time for little gain).
     *
     * @throws InvalidInputException when the bundle is not a U-Net or its weights do not fit
     */
    public static DeepLesionSegmenter fromBundle(ModelBundle bundle) {
        ModelJson m = bundle.model();
        if (!"unet3d".equals(m.architecture()) && !"unet2d".equals(m.architecture())) {
            throw new InvalidInputException("model " + m.name() + " is a " + m.architecture()
                + " model, not a U-Net");
        }
        NetworkSpec network = NetworkSpec.fromMap(m.hyperParameters());
        List<byte[]> weights = new ArrayList<>();
        for (String file : m.weightsFileNames()) {
            weights.add(bundle.weights(file));
        }
        ModelJson.Spacing sp = m.spacingMm();
        double voxelMm3 = sp.x() * sp.y() * sp.z();
        double minMm3 = m.minLesionMm3() != null ? m.minLesionMm3()
            : m.minLesionVoxels() != null ? m.minLesionVoxels() * voxelMm3 : 0;
        Settings settings = new Settings(m.inputChannels(), new double[] {sp.x(), sp.y(), sp.z()}, m.orientation(),
            InputNormalisation.of(m.normalisation()), m.patchShape(), m.overlapOrDefault(), m.threshold(), minMm3,
            EnumSet.of(Flip.NONE, Flip.X));
        return new DeepLesionSegmenter(network, weights, settings);
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Segments lesions.
     *
     * @param channels the images in {@link Settings#channels()} order, on one grid (the first is the reference)
     * @param brain    the brain mask on that grid
     * @throws InvalidInputException for images off the grid, non-finite values or an empty brain mask
     */
    public Result segment(List<ScalarVolume> channels, Mask brain, ExecutionContext ctx) {
        long start = System.nanoTime();
        ModelSpace space = ModelSpace.prepare(settings.channels(), channels, brain, settings.spacingMm(),
            settings.orientation(), settings.normalisation(), MARGIN_MM, ctx);
        SlidingWindow window = new SlidingWindow(settings.patch(), settings.overlap(), 1);
        EnsemblePrediction ensemble = new EnsemblePrediction(window, members,
            settings.flips().isEmpty() ? EnumSet.of(Flip.NONE) : EnumSet.copyOf(settings.flips()));
        EnsemblePrediction.Prediction p = ensemble.predict(space.channels(), space.brainOnModel(), ctx);
        ScalarVolume probability = space.toInput(p.mean(), ctx);
        ScalarVolume uncertainty = space.toInput(p.variance(), ctx);
        Mask lesions = space.lesions(probability, settings.threshold(), settings.minLesionMm3());
        ImageGeometry model = space.model();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model_grid_size", List.of(model.nx(), model.ny(), model.nz()));
        details.put("ensemble_members", ensemble.memberCount());
        details.put("engine", DlEngine.describe());
        details.put("inference_seconds", (System.nanoTime() - start) / 1e9);
        return new Result(probability, uncertainty, lesions, details);
    }

    @Override
    public void close() {
        manager.close();
    }
}
