package org.plaque.filter.intensity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.exec.ProgressListener;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

class DiscretizationTest {
    private final ScalarVolume image = TestImages.brainLike(3);
    private final Mask mask = TestImages.sphere();

    @Test
    void defaultIsThirtyTwoLevels() {
        assertThat(Discretization.Params.DEFAULTS.levels()).isEqualTo(32);
        assertThat(Discretization.withDefaults().params()).isEqualTo(Discretization.Params.DEFAULTS);
        assertThatThrownBy(() -> new Discretization.Params(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void producesExactlyNLevelsInsideAndZeroOutside() {
        Discretization.Result r = new Discretization(new Discretization.Params(16))
            .apply(image, mask, ExecutionContext.singleThreaded());
        LabelVolume l = r.levels();
        Set<Integer> inside = new HashSet<>();
        for (int i = 0; i < l.geometry().voxelCount(); i++) {
            if (mask.get(i)) {
                inside.add(l.get(i));
            } else {
                assertThat(l.get(i)).isZero();
            }
        }
        assertThat(inside).hasSize(16).allSatisfy(v -> assertThat(v).isBetween(1, 16));
        assertThat(l.maxLabel()).isEqualTo(16);
    }

    @Test
    void equalWidthBinsWithTheMaximumInTheTopLevel() {
        ImageGeometry g = ImageGeometry.axisAligned(6, 1, 1, new double[] {1, 1, 1}, new double[3]);
        ScalarVolume v = ScalarVolume.of(g, new float[] {0, 0.99f, 1, 2.5f, 3.999f, 4});
        Discretization.Result r = new Discretization(new Discretization.Params(4))
            .apply(v, null, ExecutionContext.singleThreaded());
        assertThat(r.levels().toArray()).containsExactly(1, 1, 2, 3, 4, 4);
        assertThat(r.minimum()).isZero();
        assertThat(r.binWidth()).isEqualTo(1.0);
        Discretization.Result flat = new Discretization(new Discretization.Params(4))
            .apply(ScalarVolume.filled(g, 7f), null, ExecutionContext.singleThreaded());
        assertThat(flat.levels().toArray()).containsOnly(1);
    }

    @Test
    void inputUnchangedGeometryKeptAndThreadIndependent() {
        float[] before = image.toArray();
        LabelVolume one = Discretization.withDefaults().apply(image, mask, ExecutionContext.singleThreaded()).levels();
        assertThat(image.toArray()).isEqualTo(before);
        assertThat(one.geometry()).isEqualTo(image.geometry());
        try (ExecutionContext two = ExecutionContext.of(2, 3, ProgressListener.NONE)) {
            assertThat(Discretization.withDefaults().apply(image, mask, two).levels().toArray())
                .isEqualTo(one.toArray());
        }
    }

    @Test
    void anEmptyMaskIsRejected() {
        assertThatThrownBy(() -> Discretization.withDefaults()
            .apply(image, Mask.empty(image.geometry()), ExecutionContext.singleThreaded()))
            .isInstanceOf(InvalidInputException.class);
    }
}
