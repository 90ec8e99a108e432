package org.plaque.dl.nn;

import static org.plaque.dl.nn.UNetShapes.requireArgument;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.plaque.InvalidInputException;

/**
 * Hyper-parameters of a {@link NewLesionFilter}: the fully convolutional candidate filter of the longitudinal
 * change detector (issue 7, item 2). Its input always has {@link #INPUT_CHANNELS} = 5 channels in this order:
 * baseline FLAIR, follow-up FLAIR (both z-scored), depth from the pial surface (mm), vertex → neck and
 * occiput → nose (normalised coordinates) — the channel order of the pipeline's candidate patches.
 *
 * @param width         feature channels of every convolution block, ≥ 1 (default 16)
 * @param normalization the normalisation after each 3³ convolution (default {@link Normalization#INSTANCE}: the
 *                      filter trains on one variable-size patch per step, where batch statistics are those of
 *                      the single patch anyway and running averages would differ at inference)
 * @throws IllegalArgumentException when a value is out of range
 */
public record NewLesionFilterSpec(int width, Normalization normalization) implements NetworkSpec {
    /** The architecture name in maps and model cards. */
    public static final String ARCHITECTURE = "newlesion-filter";
    /** Input channels: two FLAIRs and three distance maps. */
    public static final int INPUT_CHANNELS = 5;
    /** Of which the first two are the images (baseline, follow-up). */
    public static final int IMAGE_CHANNELS = 2;
    /** Number of conv 3³ + norm + ReLU blocks. */
    public static final int BLOCKS = 7;

    private static final Set<String> KEYS = Set.of(ARCHITECTURE_KEY, "inputChannels", "width", "normalization");

    public NewLesionFilterSpec {
        requireArgument(width >= 1 && width <= 1024, "newlesion-filter: width must be in 1..1024, got " + width);
        requireArgument(normalization != null, "newlesion-filter: normalization is required");
    }

    /** Width 16, instance normalisation. */
    public static NewLesionFilterSpec defaults() {
        return new NewLesionFilterSpec(16, Normalization.INSTANCE);
    }

    @Override
    public String architecture() {
        return ARCHITECTURE;
    }

    @Override
    public int inputChannels() {
        return INPUT_CHANNELS;
    }

    @Override
    public int spatialDims() {
        return 3;
    }

    @Override
    public Block newBlock(Output output) {
        return NewLesionFilter.newBlock(this, output);
    }

    @Override
    public Shape inputShape(int batch, int... spatial) {
        check(batch, spatial);
        return new Shape(batch, INPUT_CHANNELS, spatial[0], spatial[1], spatial[2]);
    }

    @Override
    public Shape outputShape(int batch, int... spatial) {
        check(batch, spatial);
        return new Shape(batch, 1, spatial[0], spatial[1], spatial[2]);
    }

    private void check(int batch, int[] spatial) {
        boolean ok = batch >= 1 && spatial.length == 3 && spatial[0] >= 1 && spatial[1] >= 1 && spatial[2] >= 1;
        if (!ok || (normalization != Normalization.NONE && (long) spatial[0] * spatial[1] * spatial[2] < 2)) {
            throw new InvalidInputException("newlesion-filter: needs batch ≥ 1 and a patch {D, H, W} of at least 2"
                + " voxels, got batch " + batch + " and " + Arrays.toString(spatial));
        }
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ARCHITECTURE_KEY, ARCHITECTURE);
        m.put("inputChannels", INPUT_CHANNELS);
        m.put("width", width);
        m.put("normalization", SpecMaps.name(normalization));
        return m;
    }

    static NewLesionFilterSpec fromMap(Map<String, ?> map) {
        SpecMaps.checkKeys(map, KEYS, ARCHITECTURE);
        int channels = SpecMaps.getInt(map, "inputChannels", INPUT_CHANNELS);
        requireArgument(channels == INPUT_CHANNELS, "newlesion-filter: inputChannels must be " + INPUT_CHANNELS
            + ", got " + channels);
        NewLesionFilterSpec d = defaults();
        return new NewLesionFilterSpec(SpecMaps.getInt(map, "width", d.width),
            SpecMaps.getEnum(map, "normalization", Normalization.class, d.normalization));
    }
}
