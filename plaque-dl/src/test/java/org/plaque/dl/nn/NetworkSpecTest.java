package org.plaque.dl.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plaque.InvalidInputException;
import org.plaque.dl.DlEngine;

class NetworkSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<NetworkSpec> SPECS = List.of(UNet3dSpec.defaults(2),
            new UNet3dSpec(3, 4, 5, 6, 0.25f, Normalization.BATCH, Upsampling.TRANSPOSED), UNet2dSpec.defaults(1),
            new UNet2dSpec(2, 1, 3, 8, 0f, Normalization.NONE, Upsampling.NEAREST), PatchCnnSpec.defaults(3),
            new PatchCnnSpec(1, 9, 4, 8, 16, 0.3f), NewLesionFilterSpec.defaults(),
            new NewLesionFilterSpec(8, Normalization.NONE));

    @Test
    void everySpecSurvivesAJsonRoundTrip() throws Exception {
        for (NetworkSpec spec : SPECS) {
            String json = JSON.writeValueAsString(spec.toMap());
            Map<String, Object> back = JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
            assertThat(NetworkSpec.fromMap(back)).as(json).isEqualTo(spec);
        }
        assertThat(JSON.writeValueAsString(UNet3dSpec.defaults(1).toMap())).isEqualTo("{\"architecture\":\"unet3d\","
                + "\"inputChannels\":1,\"classes\":1,\"depth\":3,\"baseWidth\":8,\"dropout\":0.1,"
                + "\"normalization\":\"batch\",\"upsampling\":\"nearest\"}");
    }

    @Test
    void missingHyperParametersTakeTheirDefaults() {
        assertThat(NetworkSpec.fromMap(Map.of("architecture", "unet3d", "inputChannels", 2)))
                .isEqualTo(UNet3dSpec.defaults(2));
        assertThat(NetworkSpec.fromMap(Map.of("architecture", "unet2d", "inputChannels", 1, "baseWidth", 16L)))
                .isEqualTo(UNet2dSpec.defaults(1).withSize(4, 16));
        assertThat(NetworkSpec.fromMap(Map.of("architecture", "patchcnn", "inputChannels", 2, "dropout", 0.5)))
                .isEqualTo(PatchCnnSpec.defaults(2));
    }

    @Test
    void badMapsAreRejectedWithAClearMessage() {
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "resnet", "inputChannels", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown architecture 'resnet'");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("inputChannels", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown architecture 'null'");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "unet3d")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing 'inputChannels'");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "unet3d", "inputChannels", 1,
                "dept", 3))).isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown key 'dept'");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "unet3d", "inputChannels", 1,
                "depth", 2.5))).isInstanceOf(InvalidInputException.class).hasMessageContaining("integer");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "unet3d", "inputChannels", 1,
                "depth", 9))).isInstanceOf(InvalidInputException.class).hasMessageContaining("depth");
        assertThatThrownBy(() -> NetworkSpec.fromMap(Map.of("architecture", "unet2d", "inputChannels", 1,
                "normalization", "group"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'group'");
        Map<String, Object> odd = new HashMap<>(PatchCnnSpec.defaults(1).toMap());
        odd.put("patchSize", 14);
        assertThatThrownBy(() -> NetworkSpec.fromMap(odd)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("odd");
    }

    @Test
    void theRebuiltBlockHasTheSameParameters() {
        for (NetworkSpec spec : SPECS) {
            if (spec instanceof UNet3dSpec u && u.depth() > 3) {
                continue; // would need 64-voxel inputs; the shape rules are tested elsewhere
            }
            int[] spatial = spec instanceof PatchCnnSpec p ? new int[] {p.patchSize(), p.patchSize(), p.patchSize()}
                    : spec.spatialDims() == 3 ? new int[] {16, 16, 16} : new int[] {32, 32};
            try (NDManager m = DlEngine.newManager()) {
                Block a = spec.newBlock();
                a.initialize(m, DataType.FLOAT32, spec.inputShape(1, spatial));
                Block b = NetworkSpec.fromMap(spec.toMap()).newBlock(Output.LOGITS);
                b.initialize(m, DataType.FLOAT32, spec.inputShape(1, spatial));
                assertThat(b.getParameters().keys()).isEqualTo(a.getParameters().keys());
                assertThat(Networks.parameterCount(b)).isEqualTo(Networks.parameterCount(a));
            }
        }
    }
}
