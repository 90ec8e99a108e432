package org.plaque.dl.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;
import org.plaque.dl.data.InputNormalisation;
import org.plaque.dl.infer.Flip;
import org.plaque.dl.nn.UNet3dSpec;
import org.plaque.dl.train.Weights;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Tolerance;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomCase;
import org.plaque.testkit.phantom.PhantomParams;

class DeepLesionSegmenterTest {
    private static final UNet3dSpec NET = UNet3dSpec.defaults(1).withSize(2, 4);
    private static PhantomCase phantom;
    private static byte[] weights;

    @BeforeAll
    static void setUp() {
        phantom = HeadPhantom.generate(PhantomParams.DEFAULTS);
        try (NDManager m = DlEngine.newManager()) {
            DlEngine.seed(3);
            Block b = NET.newBlock();
            b.initialize(m, DataType.FLOAT32, NET.inputShape(1, 16, 16, 16));
            weights = Weights.of(b);
        }
    }

    private static DeepLesionSegmenter.Settings settings() {
        return new DeepLesionSegmenter.Settings(List.of("FLAIR"), new double[] {2, 2, 2}, "LAS",
            InputNormalisation.WM_RATIO, new int[] {32, 32, 32}, 0.25, 0.5, 0, EnumSet.of(Flip.NONE, Flip.X));
    }

    @Test
    void mapsProbabilityAndUncertaintyBackOntoTheInputGrid() {
        Mask brain = phantom.brainMask();
        DeepLesionSegmenter.Result a;
        DeepLesionSegmenter.Result b;
        try (DeepLesionSegmenter s = new DeepLesionSegmenter(NET, List.of(weights), settings());
             ExecutionContext ctx = ExecutionContext.of(2, 1, (stage, f) -> { })) {
            a = s.segment(List.of(phantom.flair()), brain, ctx);
            b = s.segment(List.of(phantom.flair()), brain, ctx);
        }
        assertThat(a.probability().geometry().sameGrid(phantom.flair().geometry(), Tolerance.DEFAULT)).isTrue();
        assertThat(a.probability().toArray()).isEqualTo(b.probability().toArray());
        float[] p = a.probability().toArray();
        float[] u = a.uncertainty().toArray();
        boolean anyInside = false;
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isBetween(0f, 1f);
            assertThat(u[i]).isGreaterThanOrEqualTo(0f);
            if (!brain.get(i)) {
                assertThat(p[i]).isZero();
            } else {
                anyInside |= p[i] > 0;
            }
            assertThat(a.lesions().get(i)).isEqualTo(brain.get(i) && p[i] > 0.5f);
        }
        assertThat(anyInside).isTrue();
        // an untrained network is not flip-equivariant: the two members disagree somewhere
        assertThat(a.uncertainty().statistics().max()).isGreaterThan(0);
        assertThat(a.details()).containsEntry("ensemble_members", 2);
    }

    @Test
    void rejectsWrongInputs() {
        try (DeepLesionSegmenter s = new DeepLesionSegmenter(NET, List.of(weights), settings());
             ExecutionContext ctx = ExecutionContext.of(1, 1, (stage, f) -> { })) {
            ScalarVolume f = phantom.flair();
            assertThatThrownBy(() -> s.segment(List.of(f, f), phantom.brainMask(), ctx))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("needs [FLAIR]");
            assertThatThrownBy(() -> s.segment(List.of(f), Mask.empty(f.geometry()), ctx))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("brain mask is empty");
        }
        assertThatThrownBy(() -> new DeepLesionSegmenter(NET.withSize(3, 4), List.of(weights), settings()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("weights do not fit");
    }
}
