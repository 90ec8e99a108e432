package org.plaque.dl.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.nn.NetworkSpec;
import org.plaque.dl.nn.NewLesionFilterSpec;

/**
 * A trained new-lesion filter ready for inference: per-voxel probabilities of real change for one candidate
 * patch of any size, and the bundle format it is stored in ({@code architecture "newlesion-filter"}, threshold
 * {@value #DEFAULT_THRESHOLD} by default). Holds native memory: close it. Not thread-safe.
 */
public final class FilterModel implements AutoCloseable {
    /**
     * The card's normalisation of a filter: both visits z-scored by the follow-up's brain-tissue statistics
     * (the candidate patches' convention), not one of the segmentation models' {@code InputNormalisation}s.
     */
    public static final String NORMALISATION = "zscore-followup-brain-tissue";

    /** The weights file in a filter bundle. */
    public static final String WEIGHTS_FILE = "weights.params";
    /** Probability threshold written to new bundles (issue 7: sigmoid, threshold 0.75). */
    public static final double DEFAULT_THRESHOLD = 0.75;

    private final NewLesionFilterSpec spec;
    private final double threshold;
    private final NDManager manager;
    private final BlockForward forward;

    /**
     * A filter from a spec and weights.
     *
     * @throws InvalidInputException when the weights do not fit the network
     */
    public FilterModel(NewLesionFilterSpec spec, byte[] weights, double threshold) {
        this.spec = spec;
        this.threshold = threshold;
        this.manager = DlEngine.newManager();
        Block block = spec.newBlock();
        try {
            Weights.load(block, manager, spec.inputShape(1, 5, 8, 8), weights, "filter weights");
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.forward = new BlockForward(block, manager);
    }

    /**
     * The filter a bundle holds.
     *
     * @throws InvalidInputException when the bundle is not a {@code newlesion-filter} model
     */
    public static FilterModel open(ModelBundle bundle) {
        ModelJson m = bundle.model();
        if (!NewLesionFilterSpec.ARCHITECTURE.equals(m.architecture())) {
            throw new InvalidInputException("model " + m.name() + " in " + bundle.source() + " is a "
                + m.architecture() + " model, not a newlesion-filter (train one with plaque train --arch"
                + " newlesion-filter)");
        }
        if (!NORMALISATION.equals(m.normalisation())) {
            throw new InvalidInputException("model " + m.name() + ": a newlesion-filter's card says normalisation "
                + NORMALISATION + ", not " + m.normalisation());
        }
        NetworkSpec network = NetworkSpec.fromMap(m.hyperParameters());
        return new FilterModel((NewLesionFilterSpec) network, bundle.weights(m.weightsFileNames().get(0)),
            m.threshold());
    }

    /** The network. */
    public NewLesionFilterSpec spec() {
        return spec;
    }

    /** The probability threshold of the card. */
    public double threshold() {
        return threshold;
    }

    /**
     * Per-voxel probabilities (D·H·W, x fastest) for one patch of shape {D, H, W} with the five channels of
     * {@link NewLesionFilterSpec}.
     *
     * @throws IllegalArgumentException when the array does not match the shape
     */
    public float[] predict(float[] channels, int[] shape) {
        long voxels = (long) shape[0] * shape[1] * shape[2];
        if (channels.length != NewLesionFilterSpec.INPUT_CHANNELS * voxels) {
            throw new IllegalArgumentException("filter input does not match its shape");
        }
        return forward.apply(channels, spec.inputShape(1, shape).getShape());
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Writes a filter bundle into {@code out}.
     *
     * @param channels  channel names in network order (the pipeline's candidate-patch channels)
     * @param spacingMm spacing of the training follow-up grids (x, y, z), mm — descriptive, patches take any grid
     * @param training  how it was trained
     * @param metrics   figures to record (may be empty)
     * @return the card as written
     */
    public static ModelJson write(Path out, String name, NewLesionFilterSpec spec, FilterTraining.Outcome outcome,
                                  List<String> channels, double[] spacingMm, FilterTraining.Settings settings,
                                  ModelJson.Training training, Map<String, Object> metrics, String license,
                                  String createdBy) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>(metrics);
        m.put("true_candidates", outcome.truePatches());
        m.put("false_candidates", outcome.falsePatches());
        int edge = settings.maxEdge();
        ModelJson.Training t = new ModelJson.Training(training.data(), training.subjects(), settings.describe(),
            settings.augmentation().toString(), outcome.state().epoch(), settings.seed(), outcome.state().seconds(),
            training.command());
        ModelJson card = new ModelJson(ModelJson.FORMAT_VERSION, name, NewLesionFilterSpec.ARCHITECTURE, spec.toMap(),
            channels, "native", new ModelJson.Spacing(spacingMm[0], spacingMm[1], spacingMm[2]), "RAS",
            NORMALISATION, List.of(edge, edge, edge), null, DEFAULT_THRESHOLD, null, null, t, m,
            license, List.of(new ModelJson.WeightsFile(WEIGHTS_FILE, null, "last")), createdBy);
        return ModelBundle.write(out, card, Map.of(WEIGHTS_FILE, Weights.toHalfPrecision(outcome.weights())));
    }
}
