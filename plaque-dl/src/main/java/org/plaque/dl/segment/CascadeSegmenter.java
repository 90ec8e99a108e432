package org.plaque.dl.segment;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.bundle.ModelBundle;
import org.plaque.dl.bundle.ModelJson;
import org.plaque.dl.data.CascadeCandidates;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.nn.NetworkSpec;
import org.plaque.dl.nn.PatchCnnSpec;
import org.plaque.dl.train.BlockForward;
import org.plaque.dl.train.PatchClassifier;
import org.plaque.dl.train.Weights;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * Lesion segmentation with the two-stage patch-CNN cascade of Valverde et al. 2017, "Improving automated multiple
 * sclerosis lesion segmentation with a cascaded 3D convolutional neural network approach",
 * doi:10.1016/j.neuroimage.2017.04.034 (trained by {@code CascadeTraining}).
 *
 * <p>The images are resampled (trilinear; the brain mask nearest) onto the model's grid around the brain
 * ({@link ModelGrid}) and z-scored inside the brain; candidates are brain voxels whose normalised FLAIR is above
 * {@link Settings#candidateThresholdSd()} (default 1.5 SD; {@link CascadeCandidates}); stage 1 scores every
 * candidate, stage 2 the candidates stage 1 gives more than 0.5, each from its voxel-centred patch in batches of
 * {@link Settings#batch()} ({@link PatchClassifier}: memory bounded, progress reported, cancellable). The lesion
 * probability is p1 × p2 on the voxels both stages saw and 0 everywhere else (stage 2 is not run on the voxels
 * stage 1 rejects, as in the paper). The uncertainty is the variance of the two stages' probabilities,
 * (p1 − p2)² / 4: the cascade has two members, and their disagreement is the same measure the U-Nets report for
 * their ensemble and flips (0 where stage 2 did not run). Both maps are resampled back onto the input grid
 * (trilinear; exact when the model grid's voxels coincide with the input's), lesions are brain voxels above the
 * threshold without 6-connected components smaller than the minimum lesion volume.
 *
 * <p>Holds native memory (the networks' weights): close it.
 */
public final class CascadeSegmenter implements ModelSegmenter {
    /**
     * Margin around the brain on the model grid, in voxels of the finest model spacing (patches at the border see
     * background, not nothing). A whole number of voxels keeps the model grid's voxels on the input's when both
     * have the same isotropic spacing, so the maps come back without interpolation.
     */
    private static final int MARGIN_VOXELS = 8;

    /**
     * How the cascade is applied.
     *
     * @param channels             input channel names in the network's order, e.g. ["FLAIR"]
     * @param spacingMm            model voxel spacing (x, y, z), mm
     * @param orientation          model axis code, e.g. LAS
     * @param patchSize            patch edge, voxels (odd)
     * @param threshold            threshold on p1 × p2, in (0, 1) (default 0.5)
     * @param minLesionMm3         smallest lesion kept, mm³
     * @param candidateThresholdSd candidate threshold on the normalised FLAIR, SD (default 1.5)
     * @param stage1Threshold      stage-1 probability above which stage 2 runs, in (0, 1) (default 0.5)
     * @param batch                patches per forward pass, ≥ 1 (default {@value PatchClassifier#DEFAULT_BATCH})
     */
    public record Settings(List<String> channels, double[] spacingMm, String orientation, int patchSize,
                           double threshold, double minLesionMm3, double candidateThresholdSd, double stage1Threshold,
                           int batch) {
        public Settings {
            channels = List.copyOf(channels);
            spacingMm = spacingMm.clone();
            if (!(threshold > 0 && threshold < 1) || !(stage1Threshold > 0 && stage1Threshold < 1)
                || !(minLesionMm3 >= 0) || !Double.isFinite(candidateThresholdSd)) {
                throw new InvalidInputException("cascade: thresholds must be in (0, 1), the candidate threshold finite"
                    + " and the minimum lesion volume ≥ 0");
            }
            if (patchSize < 1 || batch < 1) {
                throw new InvalidInputException("cascade: patch size and batch must be ≥ 1");
            }
        }
    }

    private final PatchClassifier.Scorer stage1;
    private final PatchClassifier.Scorer stage2;
    private final Settings settings;
    private final NDManager manager;

    /**
     * A cascade from its two stages' weights.
     *
     * @throws InvalidInputException when the weights do not fit the network or the network not the settings
     */
    public CascadeSegmenter(PatchCnnSpec network, byte[] stage1Weights, byte[] stage2Weights, Settings settings) {
        if (network.inputChannels() != settings.channels().size() || network.patchSize() != settings.patchSize()) {
            throw new InvalidInputException("cascade: the network takes " + network.inputChannels() + " channel(s) of "
                + network.patchSize() + "³ patches but the model lists " + settings.channels() + " and patch "
                + settings.patchSize());
        }
        this.settings = settings;
        this.manager = DlEngine.newManager();
        try {
            this.stage1 = stage(network, stage1Weights, "stage 1 weights");
            this.stage2 = stage(network, stage2Weights, "stage 2 weights");
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A cascade of two given scorers (no native resources); for tests with plain-Java stages. */
    CascadeSegmenter(PatchClassifier.Scorer stage1, PatchClassifier.Scorer stage2, Settings settings) {
        this.stage1 = stage1;
        this.stage2 = stage2;
        this.settings = settings;
        this.manager = null;
    }

    private PatchClassifier.Scorer stage(PatchCnnSpec network, byte[] weights, String what) {
        Block block = network.newBlock();
        Weights.load(block, manager, network.inputShape(1), weights, what);
        return PatchClassifier.softmax(new BlockForward(block, manager), network.inputChannels(),
            network.patchSize());
    }

    /**
     * The cascade a bundle describes (architecture {@code cascade}, weights with roles {@code stage1} and
     * {@code stage2}, or the first two files in order when roles are absent).
     *
     * @throws InvalidInputException when the bundle is not a cascade or its weights do not fit
     */
    public static CascadeSegmenter fromBundle(ModelBundle bundle) {
        ModelJson m = bundle.model();
        if (!"cascade".equals(m.architecture())) {
            throw new InvalidInputException("model " + m.name() + " is a " + m.architecture() + " model, not a cascade");
        }
        NetworkSpec spec = NetworkSpec.fromMap(m.hyperParameters());
        if (!(spec instanceof PatchCnnSpec network)) {
            throw new InvalidInputException("model " + m.name() + ": a cascade needs patchcnn hyper-parameters, got "
                + spec.architecture());
        }
        int[] patch = m.patchShape();
        if (patch[0] != patch[1] || patch[1] != patch[2]) {
            throw new InvalidInputException("model " + m.name() + ": a cascade needs a cubic patch_size, got "
                + m.patchSize());
        }
        if (InputNormalisation.of(m.normalisation()) != InputNormalisation.ZSCORE_BRAIN) {
            throw new InvalidInputException("model " + m.name() + ": a cascade z-scores its input (its candidate rule"
                + " is in standard deviations), but the card says normalisation " + m.normalisation());
        }
        String first = weightsFile(m, "stage1", 0);
        String second = weightsFile(m, "stage2", 1);
        ModelJson.Spacing sp = m.spacingMm();
        double minMm3 = m.minLesionMm3() != null ? m.minLesionMm3()
            : m.minLesionVoxels() != null ? m.minLesionVoxels() * sp.x() * sp.y() * sp.z() : 0;
        Settings settings = new Settings(m.inputChannels(), new double[] {sp.x(), sp.y(), sp.z()}, m.orientation(),
            patch[0], m.threshold(), minMm3, CascadeCandidates.DEFAULT_FLAIR_THRESHOLD_SD,
            CascadeCandidates.DEFAULT_HARD_THRESHOLD, PatchClassifier.DEFAULT_BATCH);
        return new CascadeSegmenter(network, bundle.weights(first), bundle.weights(second), settings);
    }

    private static String weightsFile(ModelJson m, String role, int position) {
        for (ModelJson.WeightsFile w : m.weights()) {
            if (role.equals(w.role())) {
                return w.file();
            }
        }
        if (m.weights().size() != 2 || m.weights().stream().anyMatch(w -> w.role() != null)) {
            throw new InvalidInputException("model " + m.name() + ": a cascade needs two weights files with roles"
                + " stage1 and stage2");
        }
        return m.weights().get(position).file();
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    @Override
    public DeepLesionSegmenter.Result segment(List<ScalarVolume> channels, Mask brain, ExecutionContext ctx) {
        long start = System.nanoTime();
        double finest = Math.min(settings.spacingMm()[0], Math.min(settings.spacingMm()[1], settings.spacingMm()[2]));
        ModelSpace space = ModelSpace.prepare(settings.channels(), channels, brain, settings.spacingMm(),
            settings.orientation(), InputNormalisation.ZSCORE_BRAIN, MARGIN_VOXELS * finest, ctx);
        ImageGeometry model = space.model();
        Mask brainOnModel = space.brainOnModel();
        List<ScalarVolume> inputs = space.channels();
        int flair = 0;
        for (int c = 0; c < settings.channels().size(); c++) {
            if ("FLAIR".equalsIgnoreCase(settings.channels().get(c))) {
                flair = c;
            }
        }
        Mask candidates = CascadeCandidates.candidates(inputs.get(flair), brainOnModel,
            settings.candidateThresholdSd());
        int[] centres = indices(candidates);
        long t1 = System.nanoTime();
        float[] p1 = PatchClassifier.score(inputs, centres, settings.patchSize(), settings.batch(), stage1,
            "cascade stage 1", ctx);
        int passed = 0;
        for (float p : p1) {
            passed += p > settings.stage1Threshold() ? 1 : 0;
        }
        int[] second = new int[passed];
        int[] secondAt = new int[passed];
        for (int i = 0, k = 0; i < centres.length; i++) {
            if (p1[i] > settings.stage1Threshold()) {
                second[k] = centres[i];
                secondAt[k++] = i;
            }
        }
        long t2 = System.nanoTime();
        float[] p2 = PatchClassifier.score(inputs, second, settings.patchSize(), settings.batch(), stage2,
            "cascade stage 2", ctx);
        long t3 = System.nanoTime();
        float[] probability = new float[model.voxelCount()];
        float[] variance = new float[model.voxelCount()];
        for (int k = 0; k < second.length; k++) {
            float a = p1[secondAt[k]];
            float b = p2[k];
            probability[second[k]] = a * b;
            variance[second[k]] = (a - b) * (a - b) / 4;
        }
        ScalarVolume p = space.toInput(ScalarVolume.of(model, probability), ctx);
        ScalarVolume u = space.toInput(ScalarVolume.of(model, variance), ctx);
        Mask lesions = space.lesions(p, settings.threshold(), settings.minLesionMm3());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("model_grid_size", List.of(model.nx(), model.ny(), model.nz()));
        details.put("cascade_candidates", centres.length);
        details.put("cascade_stage2_voxels", second.length);
        details.put("cascade_stage1_seconds", (t2 - t1) / 1e9);
        details.put("cascade_stage2_seconds", (t3 - t2) / 1e9);
        if (manager != null) {
            details.put("engine", DlEngine.describe());
        }
        details.put("inference_seconds", (System.nanoTime() - start) / 1e9);
        return new DeepLesionSegmenter.Result(p, u, lesions, details);
    }

    private static int[] indices(Mask m) {
        int[] out = new int[m.count()];
        int n = m.geometry().voxelCount();
        for (int i = 0, k = 0; i < n; i++) {
            if (m.get(i)) {
                out[k++] = i;
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
    }
}
