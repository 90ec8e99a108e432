package org.plaque.dl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.plaque.InvalidInputException;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * How a network's input intensities are normalised, by the name a model card gives it ({@code normalisation}):
 * {@code zscore-brain} ({@link IntensityNormalisation}: robust z-score inside the brain) or {@code wm-ratio}
 * ({@link WhiteMatterRatio}: ratio to the white-matter intensity on a fixed scale). Training and inference
 * use the same one, so a model is always fed as it was trained.
 */
public enum InputNormalisation {
    /** Robust z-score inside the brain. */
    ZSCORE_BRAIN("zscore-brain"),
    /** Ratio to the channel's white-matter intensity, 0.25 per unit. */
    WM_RATIO("wm-ratio");

    private final String cardName;

    InputNormalisation(String cardName) {
        this.cardName = cardName;
    }

    /** The name in model.json and on the command line. */
    public String cardName() {
        return cardName;
    }

    /**
     * The normalisation of that name.
     *
     * @throws InvalidInputException for an unknown name
     */
    public static InputNormalisation of(String name) {
        for (InputNormalisation n : values()) {
            if (n.cardName.equals(name)) {
                return n;
            }
        }
        throw new InvalidInputException("unknown intensity normalisation '" + name + "' (known: "
            + ZSCORE_BRAIN.cardName + ", " + WM_RATIO.cardName + ")");
    }

    /** {@code image} (a channel of that name) normalised inside {@code brain}, 0 outside. */
    public ScalarVolume apply(ScalarVolume image, Mask brain, String channel) {
        return switch (this) {
            case ZSCORE_BRAIN -> IntensityNormalisation.withDefaults().apply(image, brain);
            case WM_RATIO -> WhiteMatterRatio.apply(image, brain, channel);
        };
    }

    /** Every channel of {@code subject} normalised inside its brain mask; masks unchanged. */
    public TrainingSubject apply(TrainingSubject subject) {
        Objects.requireNonNull(subject, "subject");
        List<ScalarVolume> out = new ArrayList<>();
        for (int c = 0; c < subject.channelCount(); c++) {
            String channel = subject.channelNames().get(c);
            try {
                out.add(apply(subject.channels().get(c), subject.brain(), channel));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("subject " + subject.id() + ", channel " + channel + ": "
                    + e.getMessage(), e);
            }
        }
        return subject.withChannels(out);
    }

    @Override
    public String toString() {
        return cardName;
    }
}
