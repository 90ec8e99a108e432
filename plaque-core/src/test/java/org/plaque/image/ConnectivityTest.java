package org.plaque.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectivityTest {

    @Test
    void offsetsAreTheFaceEdgeAndCornerNeighbours() {
        for (Connectivity c : Connectivity.values()) {
            int[][] offsets = c.offsets();
            assertThat(offsets.length).isEqualTo(c.neighbours());
            Set<List<Integer>> seen = new HashSet<>();
            int maxNonZero = c == Connectivity.SIX ? 1 : c == Connectivity.EIGHTEEN ? 2 : 3;
            for (int[] o : offsets) {
                assertThat(o).hasSize(3);
                int nonZero = 0;
                for (int v : o) {
                    assertThat(v).isBetween(-1, 1);
                    nonZero += v != 0 ? 1 : 0;
                }
                assertThat(nonZero).isBetween(1, maxNonZero);
                assertThat(seen.add(List.of(o[0], o[1], o[2]))).as("duplicate offset").isTrue();
            }
            // the neighbourhood is symmetric: if a touches b, b touches a
            for (List<Integer> o : seen) {
                assertThat(seen).contains(List.of(-o.get(0), -o.get(1), -o.get(2)));
            }
        }
        assertThat(asSet(Connectivity.SIX)).contains(List.of(1, 0, 0), List.of(0, 0, -1))
            .doesNotContain(List.of(1, 1, 0));
        assertThat(asSet(Connectivity.EIGHTEEN)).contains(List.of(1, 1, 0)).doesNotContain(List.of(1, 1, 1));
        assertThat(asSet(Connectivity.TWENTY_SIX)).contains(List.of(-1, 1, -1));
    }

    private static Set<List<Integer>> asSet(Connectivity c) {
        Set<List<Integer>> s = new HashSet<>();
        for (int[] o : c.offsets()) {
            s.add(List.of(o[0], o[1], o[2]));
        }
        return s;
    }

    @Test
    void lookupAndDefault() {
        assertThat(Connectivity.DEFAULT).isEqualTo(Connectivity.SIX);
        assertThat(Connectivity.of(18)).isEqualTo(Connectivity.EIGHTEEN);
        assertThat(Connectivity.of(26)).isEqualTo(Connectivity.TWENTY_SIX);
        assertThatThrownBy(() -> Connectivity.of(8)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("6, 18 or 26");
    }
}
