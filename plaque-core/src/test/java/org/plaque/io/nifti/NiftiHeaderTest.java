package org.plaque.io.nifti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;
import org.plaque.testing.nifti.NiftiFileBuilder;

/** Header parsing of hand-built NIfTI-1 and NIfTI-2 headers in both byte orders, and the affine rules. */
class NiftiHeaderTest {
    @TempDir
    Path dir;

    private NiftiHeader header(NiftiFileBuilder b) throws IOException {
        return NiftiReader.withDefaults().readHeader(b.write(dir.resolve("h.nii")));
    }

    @ParameterizedTest(name = "NIfTI-{0} {1}")
    @CsvSource({"1, LITTLE", "1, BIG", "2, LITTLE", "2, BIG"})
    void parsesEveryFieldPlaqueUses(int version, String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        NiftiFileBuilder b = new NiftiFileBuilder().version(version).order(order).dims(5, 6, 7, 2).datatype(512)
            .pixdim(0, -1).pixdim(1, 0.5).pixdim(2, 0.75).pixdim(3, 2.5).pixdim(4, 3)
            .scaling(2, -3).qform(2, 0, 0, 0, 1, 2, 3)
            .sform(4, 1, 0, 0, 10, 0, 2, 0, 20, 0, 0, 3, 30)
            .description("hand-built").voxOffset(version == 1 ? 400 : 560);
        NiftiHeader h = header(b);
        assertThat(h.version()).isEqualTo(version);
        assertThat(h.littleEndian()).isEqualTo(order == ByteOrder.LITTLE_ENDIAN);
        assertThat(h.dims()).containsExactly(5, 6, 7, 2);
        assertThat(h.volumeSize()).containsExactly(5, 6, 7);
        assertThat(h.volumeCount()).isEqualTo(2);
        assertThat(h.dataType()).isEqualTo(NiftiDataType.UINT16);
        assertThat(h.pixdim()).containsExactly(-1, 0.5, 0.75, 2.5, 3, 1, 1, 1);
        assertThat(h.sclSlope()).isEqualTo(2);
        assertThat(h.sclInter()).isEqualTo(-3);
        assertThat(h.voxOffset()).isEqualTo(version == 1 ? 400 : 560);
        assertThat(h.qformCode()).isEqualTo(2);
        assertThat(h.sformCode()).isEqualTo(4);
        assertThat(h.description()).isEqualTo("hand-built");
        assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.SFORM);
        assertThat(h.affine()).isEqualTo(Affine.ofRowMajor(1, 0, 0, 10, 0, 2, 0, 20, 0, 0, 3, 30));
    }

    @Test
    void sformWinsOverQform() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().qform(1, 0, 0, 0, 5, 5, 5).sform(2, 2, 0, 0, 1, 0, 2, 0, 2, 0, 0, 2, 3));
        assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.SFORM);
        assertThat(h.affine()).isEqualTo(Affine.ofRowMajor(2, 0, 0, 1, 0, 2, 0, 2, 0, 0, 2, 3));
    }

    @Test
    void sformOnly() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().sform(1, 0, -1, 0, 7, 1, 0, 0, 8, 0, 0, 1, 9));
        assertThat(h.affine()).isEqualTo(Affine.ofRowMajor(0, -1, 0, 7, 1, 0, 0, 8, 0, 0, 1, 9));
    }

    @Test
    void qformOnlyRotatesScalesAndFlipsByQfac() throws IOException {
        // 90° about z: (a, b, c, d) = (cos 45°, 0, 0, sin 45°), so R = [[0,-1,0],[1,0,0],[0,0,1]].
        double s = Math.sqrt(0.5);
        NiftiHeader h = header(new NiftiFileBuilder().pixdim(0, -1).pixdim(1, 2).pixdim(2, 3).pixdim(3, 4)
            .qform(1, 0, 0, s, 10, 20, 30));
        assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.QFORM);
        assertThat(h.affine().approxEquals(Affine.ofRowMajor(0, -3, 0, 10, 2, 0, 0, 20, 0, 0, -4, 30), 1e-6))
            .as("%s", h.affine()).isTrue();
    }

    @Test
    void qformTreatsQfacOtherThanMinusOneAsOne() throws IOException {
        for (double qfac : new double[] {0, 1, 0.5, -0.5, 2}) {
            NiftiHeader h = header(new NiftiFileBuilder().pixdim(0, qfac).pixdim(3, 4).qform(1, 0, 0, 0, 0, 0, 0));
            assertThat(h.affine().get(2, 2)).as("qfac %s", qfac).isEqualTo(4);
        }
    }

    @Test
    void qformUsesAbsoluteVoxelSizesLikeNibabel() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().pixdim(1, -2).pixdim(2, -3).pixdim(3, -4).qform(1, 0, 0, 0, 0, 0, 0));
        assertThat(h.affine()).isEqualTo(Affine.ofRowMajor(2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4, 0));
    }

    @Test
    void qformHalfTurnAboutXHasZeroA() throws IOException {
        // b = 1: a = 0, rotation diag(1, -1, -1).
        NiftiHeader h = header(new NiftiFileBuilder().qform(1, 1, 0, 0, 0, 0, 0));
        assertThat(h.affine().approxEquals(Affine.ofRowMajor(1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0), 1e-12)).isTrue();
    }

    @Test
    void quaternionNormJustAboveOneIsRoundingButFarAboveIsAnError() throws IOException {
        // The float32 just above √½: 2c² exceeds 1 by about 1.6e-7, within nibabel's 3·eps(float32) threshold.
        float c = Math.nextUp((float) Math.sqrt(0.5));
        double w2 = 1.0 - 2.0 * c * c;
        assertThat(w2).isNegative().isGreaterThan(-3 * Math.ulp(1.0f));
        NiftiHeader h = header(new NiftiFileBuilder().qform(1, c, c, 0, 0, 0, 0));
        // a = 0, (b, c) ≈ (1, 1)/√2: R = [[0,1,0],[1,0,0],[0,0,-1]].
        assertThat(h.affine().approxEquals(Affine.ofRowMajor(0, 1, 0, 0, 1, 0, 0, 0, 0, 0, -1, 0), 1e-6))
            .as("%s", h.affine()).isTrue();
        assertThatThrownBy(() -> header(new NiftiFileBuilder().qform(1, 0.8, 0.8, 0, 0, 0, 0)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("quaternion");
    }

    @Test
    void fallbackFromVoxelSizesPutsTheCentreAtTheOrigin() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().dims(3, 5, 7).pixdim(1, 2).pixdim(2, 3).pixdim(3, 4));
        assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.FALLBACK);
        // x flipped; translation = -(n-1)/2 · zoom per axis.
        assertThat(h.affine()).isEqualTo(Affine.ofRowMajor(-2, 0, 0, 2, 0, 3, 0, -6, 0, 0, 4, -12));
    }

    @Test
    void fallbackForTwoDimensionalImagesPadsWithUnitVoxels() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().dims(4, 3).pixdim(1, 2).pixdim(2, 3).pixdim(3, 0));
        assertThat(h.volumeSize()).containsExactly(4, 3, 1);
        assertThat(h.affine()).isEqualTo(Affine.ofRowMajor(-2, 0, 0, 3, 0, 3, 0, -3, 0, 0, 1, 0));
    }

    @Test
    void codesOutsideNibabelsValidSetCountAsUnset() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().sform(7, 5, 0, 0, 0, 0, 5, 0, 0, 0, 0, 5, 0)
            .qform(-1, 0, 0, 0, 1, 1, 1));
        assertThat(h.sformCode()).isEqualTo(7);
        assertThat(h.affineSource()).isEqualTo(NiftiHeader.AffineSource.FALLBACK);
    }

    @Test
    void zeroVoxelSizeIsRefusedWhenTheAffineUsesIt() throws IOException {
        assertThatThrownBy(() -> header(new NiftiFileBuilder().pixdim(2, 0)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("pixdim[2]");
        assertThatThrownBy(() -> header(new NiftiFileBuilder().pixdim(3, Double.NaN).qformCode(1)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("pixdim[3]");
        // With an sform the voxel sizes play no part.
        NiftiHeader h = header(new NiftiFileBuilder().pixdim(2, 0).sform(1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0));
        assertThat(h.affine()).isEqualTo(Affine.identity());
    }

    @Test
    void nonFiniteSformIsRefused() throws IOException {
        assertThatThrownBy(() -> header(new NiftiFileBuilder().sform(1, 1, 0, 0, Double.NaN, 0, 1, 0, 0, 0, 0, 1, 0)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("sform").hasMessageContaining("srow_x[3]");
    }

    @Test
    void bitpixIsIgnoredLikeNibabel() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().datatype(4).bitpix(8));
        assertThat(h.dataType()).isEqualTo(NiftiDataType.INT16);
    }

    @Test
    void nifti2AcceptsAllZeroCheckBytesButNotOthers() throws IOException {
        assertThat(header(new NiftiFileBuilder().version(2).eolCheck(new byte[4])).version()).isEqualTo(2);
        assertThatThrownBy(() -> header(new NiftiFileBuilder().version(2).eolCheck(new byte[] {10, 10, 26, 10})))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("magic");
    }

    @Test
    void pairHeadersAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> header(new NiftiFileBuilder().magic(new byte[] {'n', 'i', '1', 0})))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining(".hdr/.img");
    }

    @Test
    void nifti2SizesBeyondShortRangeAreRead() throws IOException {
        NiftiHeader h = header(new NiftiFileBuilder().version(2).dims(40000, 1, 1).datatype(2));
        assertThat(h.volumeSize()).containsExactly(40000, 1, 1);
        assertThat(NiftiReader.withDefaults().readScalar(dir.resolve("h.nii")).geometry().nx()).isEqualTo(40000);
    }

    @Test
    void affineIsRepresentableWithinDoublePrecisionOfNibabelsLongDouble() throws IOException {
        // A general rotation (float32 quaternion) must give an orthonormal rotation times the voxel sizes.
        NiftiHeader h = header(new NiftiFileBuilder().pixdim(1, 1).pixdim(2, 1).pixdim(3, 1)
            .qform(1, 0.1, -0.2, 0.3, 0, 0, 0));
        double[][] l = h.affine().linear();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double dot = l[0][a] * l[0][b] + l[1][a] * l[1][b] + l[2][a] * l[2][b];
                assertThat(dot).isCloseTo(a == b ? 1 : 0, within(1e-12));
            }
        }
        assertThat(h.affine().determinant()).isCloseTo(1, within(1e-12));
    }
}
