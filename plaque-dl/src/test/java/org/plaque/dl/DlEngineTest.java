package org.plaque.dl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DlEngineTest {
    @Test
    void loadsPyTorchOfflineAndComputes() {
        try (NDManager m = DlEngine.newManager()) {
            NDArray a = m.arange(6f).reshape(2, 3);
            assertThat(a.sum().getFloat()).isEqualTo(15f);
        }
        assertThat(DlEngine.describe()).startsWith("PyTorch 2.7.1");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    }

    @Test
    void seedMakesRandomNumbersRepeat() {
        try (NDManager m = DlEngine.newManager()) {
            DlEngine.seed(7);
            float[] a = m.randomNormal(new ai.djl.ndarray.types.Shape(5)).toFloatArray();
            DlEngine.seed(7);
            float[] b = m.randomNormal(new ai.djl.ndarray.types.Shape(5)).toFloatArray();
            assertThat(a).containsExactly(b);
        }
    }
}
