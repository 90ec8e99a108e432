package org.plaque.dl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Losses on predicted probabilities (the networks end in a sigmoid or softmax), for binary lesion maps:
 * binary cross-entropy, BCE + soft Dice, or Tversky. Probabilities are clipped to [1e-6, 1 − 1e-6] before the
 * logarithm so a saturated output cannot produce an infinite loss.
 *
 * <p>Soft Dice (Milletari et al. 2016, doi:10.1109/3DV.2016.79) and Tversky (Salehi et al. 2017,
 * doi:10.1007/978-3-319-67389-9_44) are computed over the whole batch, which keeps patches without lesions
 * from producing an undefined ratio; a smoothing constant of 1 voxel does the same when the batch is empty.
 */
public final class ProbabilityLoss extends Loss {
    /** The supported losses. */
    public enum Kind {
        /** Binary cross-entropy. */
        BCE,
        /** BCE + (1 − soft Dice), equal weights. */
        BCE_DICE,
        /** 1 − Tversky index with α = 0.3 (false positives), β = 0.7 (false negatives). */
        TVERSKY;

        /** The option name, e.g. {@code bce-dice}. */
        public String optionName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** The kind named {@code name} (as {@link #optionName()}), or an IllegalArgumentException. */
        public static Kind parse(String name) {
            for (Kind k : values()) {
                if (k.optionName().equalsIgnoreCase(name)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown loss " + name + "; losses: bce, bce-dice, tversky");
        }
    }

    private static final float EPS = 1e-6f;
    private static final float SMOOTH = 1f;
    private static final float TVERSKY_ALPHA = 0.3f;
    private static final float TVERSKY_BETA = 0.7f;

    private final Kind kind;

    /** A loss of the given kind. */
    public ProbabilityLoss(Kind kind) {
        super(kind.optionName());
        this.kind = kind;
    }

    /** Which loss this is. */
    public Kind kind() {
        return kind;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray p = predictions.singletonOrThrow().clip(EPS, 1 - EPS);
        NDArray y = labels.singletonOrThrow().reshape(p.getShape());
        return switch (kind) {
            case BCE -> bce(p, y);
            case BCE_DICE -> bce(p, y).add(softDiceLoss(p, y));
            case TVERSKY -> tverskyLoss(p, y);
        };
    }

    private static NDArray bce(NDArray p, NDArray y) {
        NDArray pos = y.mul(p.log());
        NDArray neg = y.neg().add(1).mul(p.neg().add(1).log());
        return pos.add(neg).mean().neg();
    }

    private static NDArray softDiceLoss(NDArray p, NDArray y) {
        NDArray overlap = p.mul(y).sum().mul(2).add(SMOOTH);
        NDArray total = p.sum().add(y.sum()).add(SMOOTH);
        return overlap.div(total).neg().add(1);
    }

    private static NDArray tverskyLoss(NDArray p, NDArray y) {
        NDArray tp = p.mul(y).sum();
        NDArray fp = p.mul(y.neg().add(1)).sum();
        NDArray fn = p.neg().add(1).mul(y).sum();
        NDArray denominator = tp.add(fp.mul(TVERSKY_ALPHA)).add(fn.mul(TVERSKY_BETA)).add(SMOOTH);
        return tp.add(SMOOTH).div(denominator).neg().add(1);
    }
}
