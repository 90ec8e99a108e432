package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.testing.AtlasFixtures;
import org.plaque.testing.nifti.NiftiFileBuilder;

/** Loading and validating atlas folders: the accepted encodings and each refusal with its message. */
class AtlasTest {
    @TempDir
    Path tmp;

    private Path plaqueAtlas() throws Exception {
        return AtlasFixtures.writePlaqueLayout(tmp.resolve("atlas"));
    }

    @Test
    void loadsPlaqueLayoutWithKnownValues() throws Exception {
        Atlas a = Atlas.load(plaqueAtlas());
        assertThat(a.geometry().sameGrid(AtlasFixtures.grid(), org.plaque.geom.Tolerance.EVALUATION)).isTrue();
        assertThat(a.metadata()).isEmpty();
        for (int z = 0; z < AtlasFixtures.NZ; z++) {
            for (int y = 0; y < AtlasFixtures.NY; y++) {
                for (int x = 0; x < AtlasFixtures.NX; x++) {
                    assertThat(a.wm().get(x, y, z)).isEqualTo((float) AtlasFixtures.wm(x, y, z));
                    assertThat(a.gm().get(x, y, z)).isEqualTo((float) AtlasFixtures.gm(x, y, z));
                    assertThat(a.csf().get(x, y, z)).isEqualTo((float) AtlasFixtures.csf(x, y, z));
                    assertThat(a.t1().get(x, y, z)).isEqualTo((float) AtlasFixtures.t1(x, y, z));
                    assertThat(a.brainMask().get(x, y, z)).isEqualTo(AtlasFixtures.mask().get(x, y, z));
                }
            }
        }
        assertThat(a.probability(AtlasImage.GM)).isSameAs(a.gm());
        assertThatThrownBy(() -> a.probability(AtlasImage.T1)).isInstanceOf(IllegalArgumentException.class);
        Atlas.TissueSum sum = a.tissueSumInMask();
        assertThat(sum.voxels()).isEqualTo(AtlasFixtures.mask().count()).isEqualTo(24);
        assertThat(sum.mean()).isCloseTo(1, within(1e-6));
        assertThat(sum.min()).isCloseTo(1, within(1e-6));
    }

    @Test
    void eightBitMapsAreScaledByOneOver255AndInt16MapsByTheirSlope() throws Exception {
        Path dir = plaqueAtlas();
        AtlasFixtures.writeEightBit(AtlasFixtures::gm, dir.resolve("gm.nii.gz"));
        AtlasFixtures.writeInt16Scaled(AtlasFixtures::wm, dir.resolve("wm.nii.gz"));
        Atlas a = Atlas.load(dir);
        for (int z = 0; z < AtlasFixtures.NZ; z++) {
            for (int y = 0; y < AtlasFixtures.NY; y++) {
                for (int x = 0; x < AtlasFixtures.NX; x++) {
                    double gm = AtlasFixtures.gm(x, y, z);
                    assertThat((double) a.gm().get(x, y, z)).isCloseTo(Math.round(255 * gm) / 255.0, within(1e-7))
                        .isCloseTo(gm, within(0.5 / 255 + 1e-7));
                    assertThat((double) a.wm().get(x, y, z)).isCloseTo(AtlasFixtures.wm(x, y, z), within(1e-6));
                }
            }
        }
    }

    @Test
    void uint8MapHoldingOnlyZeroAndOneIsTakenAsProbabilitiesNotAsEightBit() throws Exception {
        Path dir = plaqueAtlas();
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> x == 2 && y == 2 && z == 1 ? 1 : 0),
            dir.resolve("csf.nii.gz"), NiftiDataType.UINT8);
        Atlas a = Atlas.load(dir);
        assertThat(a.csf().get(2, 2, 1)).isEqualTo(1f);
        assertThat(a.csf().statistics().max()).isEqualTo(1.0);
    }

    @Test
    void eightBitMaskWith255IsAccepted() throws Exception {
        Path dir = plaqueAtlas();
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> AtlasFixtures.mask().get(x, y, z) ? 255 : 0),
            dir.resolve("brain_mask.nii.gz"), NiftiDataType.UINT8);
        assertThat(Atlas.load(dir).brainMask().count()).isEqualTo(AtlasFixtures.mask().count());
    }

    @Test
    void roundOffJustOutsideTheUnitIntervalIsClampedButNotMore() throws Exception {
        Path dir = plaqueAtlas();
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> AtlasFixtures.wm(x, y, z) == 0.5 ? 1.0004 : -0.0004),
            dir.resolve("wm.nii.gz"));
        ScalarVolume wm = Atlas.load(dir).wm();
        assertThat(wm.statistics().max()).isEqualTo(1.0);
        assertThat(wm.statistics().min()).isEqualTo(0.0);

        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> 3 * AtlasFixtures.wm(x, y, z)), dir.resolve("wm.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(dir.resolve("wm.nii.gz").toString())
            .hasMessageContaining("white-matter probability map holds values from 0 to 1.5 (float32)")
            .hasMessageContaining("must lie in [0, 1]")
            .hasMessageContaining("uint8 values round(255·p)");
    }

    @Test
    void outOfRangeProbabilitiesAreRefusedWithTheFileAndTheFix() throws Exception {
        Path dir = plaqueAtlas();
        // int16 without scaling holding 0..250: not the 8-bit encoding (wrong datatype), so out of range.
        double[] raw = new double[AtlasFixtures.NX * AtlasFixtures.NY * AtlasFixtures.NZ];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = i % 251;
        }
        new NiftiFileBuilder().dims(AtlasFixtures.NX, AtlasFixtures.NY, AtlasFixtures.NZ).datatype(4)
            .pixdim(1, 2).pixdim(2, 2).pixdim(3, 2).sform(1, 2, 0, 0, -6, 0, 2, 0, -5, 0, 0, 2, -4).values(raw)
            .write(dir.resolve("gm.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(dir.resolve("gm.nii.gz").toString())
            .hasMessageContaining("from 0 to 119 (int16)")
            .hasMessageContaining("[0, 1]");

        Path dir2 = AtlasFixtures.writePlaqueLayout(tmp.resolve("neg"));
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> -0.2), dir2.resolve("csf.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir2)).hasMessageContaining("CSF probability map holds values from -0.2");
    }

    @Test
    void allZeroMapAndConstantT1AreRefused() throws Exception {
        Path dir = plaqueAtlas();
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> 0), dir.resolve("gm.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).hasMessageContaining("gm.nii.gz").hasMessageContaining("all zero");

        Path dir2 = AtlasFixtures.writePlaqueLayout(tmp.resolve("t1"));
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> 7), dir2.resolve("t1.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir2)).hasMessageContaining("t1.nii.gz")
            .hasMessageContaining("constant (every voxel is 7)");
    }

    @Test
    void missingFilesAreNamedWithHowToFix() throws Exception {
        Path dir = plaqueAtlas();
        Files.delete(dir.resolve("gm.nii.gz"));
        Files.delete(dir.resolve("brain_mask.nii.gz"));
        assertThat(AtlasLayout.missing(dir)).containsExactly(AtlasImage.GM, AtlasImage.BRAIN_MASK);
        assertThatThrownBy(() -> Atlas.load(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("lacks gm.nii.gz, brain_mask.nii.gz")
            .hasMessageContaining("plaque atlas install --from")
            .message().doesNotContain("\n");

        assertThatThrownBy(() -> Atlas.load(tmp.resolve("nowhere"))).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("does not exist").hasMessageContaining("plaque atlas install");
    }

    @Test
    void gridMismatchIsRefusedBeforeDecodingAndNamesTheFile() throws Exception {
        Path dir = plaqueAtlas();
        NiftiWriter.write(AtlasFixtures.volume(AtlasFixtures.grid(0.5), AtlasFixtures::csf), dir.resolve("csf.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith(dir.resolve("csf.nii.gz").toString())
            .hasMessageContaining("not on the grid of t1.nii.gz")
            .hasMessageContaining("resample it onto t1.nii.gz");

        // A shift within the tolerance (1e-4 mm) is the same grid.
        NiftiWriter.write(AtlasFixtures.volume(AtlasFixtures.grid(5e-5), AtlasFixtures::csf), dir.resolve("csf.nii.gz"));
        assertThat(Atlas.load(dir).csf().get(2, 2, 1)).isEqualTo((float) AtlasFixtures.csf(2, 2, 1));
    }

    @Test
    void nonBinaryOrEmptyMaskIsRefused() throws Exception {
        Path dir = plaqueAtlas();
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> x == 3 && y == 2 && z == 1 ? 0.5 : 0),
            dir.resolve("brain_mask.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).hasMessageContaining("brain_mask.nii.gz")
            .hasMessageContaining("must be binary").hasMessageContaining("voxel (3, 2, 1) is 0.5");

        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> 0), dir.resolve("brain_mask.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).hasMessageContaining("brain mask is empty");
    }

    @Test
    void checksumsInAtlasJsonAreVerified() throws Exception {
        Path dir = plaqueAtlas();
        AtlasMetadata meta = new AtlasMetadata("tiny", "1", null, "test", null, null, null, List.of(), List.of(),
            Map.of("gm.nii.gz", new AtlasMetadata.FileEntry(Sha256.of(dir.resolve("gm.nii.gz")), null)));
        meta.write(dir.resolve("atlas.json"));
        assertThat(Atlas.load(dir).metadata()).contains(meta);

        AtlasFixtures.writeEightBit(AtlasFixtures::gm, dir.resolve("gm.nii.gz"));
        assertThatThrownBy(() -> Atlas.load(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("gm.nii.gz").hasMessageContaining("changed after installation")
            .hasMessageContaining("--force");
    }

    @Test
    void malformedImageFileIsReportedWithItsName() throws Exception {
        Path dir = plaqueAtlas();
        Files.write(dir.resolve("wm.nii.gz"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Atlas.load(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(dir.resolve("wm.nii.gz").toString());
    }
}
