package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.geom.ImageGeometry;
import org.plaque.pipeline.testing.AtlasFixtures;
import org.plaque.pipeline.testing.LocalHttpServer;
import org.plaque.testing.RealData;

/**
 * Installs the ICBM 2009a files of {@code ../shared/data/mni_icbm152_nlin_sym_09a} (nilearn's uint8 T1 and
 * GM, float WM and CSF, the official mask) into a temporary cache and checks the loaded atlas against
 * the figures of {@code ../shared/data/MANIFEST.md}.
 */
@Tag(RealData.TAG)
class RealAtlasTest {
    /** MANIFEST.md: sha256 of mni_icbm152_gm_tal_nlin_sym_09a_converted.nii.gz. */
    private static final String GM_CONVERTED_SHA256 = "97a5ca69bd24db37a9cb7b32525e1733a209af904129bf1cd36da06d24243bed";
    /** MANIFEST.md: sha256 of the float mni_icbm152_wm_tal_nlin_sym_09a.nii.gz. */
    private static final String WM_FLOAT_SHA256 = "7aacf5d4ccfa43a792a69d7c87059f65fbde76e1ca83ea46b8bf36e54ebf58a8";

    @TempDir
    Path tmp;

    @Test
    void installsFromTheSharedFolderAndLoadsTheIcbmAtlas() throws Exception {
        Path src = RealData.file("mni_icbm152_nlin_sym_09a/atlas");
        AtlasLocator locator = AtlasLocator.at(tmp.resolve("cache"));
        InstalledAtlas inst = new AtlasInstaller(locator, s -> { }).install(new AtlasSource.Folder(src),
            AtlasInstaller.Options.DEFAULTS);
        assertThat(inst.name()).isEqualTo(Icbm2009aRelease.NAME);
        assertThat(locator.requireDefault()).isEqualTo(inst.directory());

        Atlas a = Atlas.load(inst.directory());
        ImageGeometry g = a.geometry();
        assertThat(g.size()).containsExactly(197, 233, 189);
        assertThat(g.spacingMm()).containsExactly(1, 1, 1);
        assertThat(g.originMm()).containsExactly(-98, -134, -72);
        assertThat(a.brainMask().count()).isEqualTo(1_886_539);

        // GM (8-bit, scaled by 1/255) + WM + CSF (int16 + scl_slope) ≈ 1 inside the mask: mean 0.978.
        Atlas.TissueSum sum = a.tissueSumInMask();
        assertThat(sum.mean()).isCloseTo(0.978, within(0.0015));
        assertThat(sum.max()).isLessThan(1.01);
        for (var p : new org.plaque.image.ScalarVolume[] {a.gm(), a.wm(), a.csf()}) {
            assertThat(p.statistics().min()).isGreaterThanOrEqualTo(0);
            assertThat(p.statistics().max()).isLessThanOrEqualTo(1).isGreaterThan(0.99);
        }

        AtlasMetadata m = a.metadata().orElseThrow();
        assertThat(m.files().get("gm.nii.gz").sha256()).isEqualTo(GM_CONVERTED_SHA256);
        assertThat(m.files().get("gm.nii.gz").sourceFile()).isEqualTo("mni_icbm152_gm_tal_nlin_sym_09a_converted.nii.gz");
        assertThat(m.files().get("wm.nii.gz").sha256()).isEqualTo(WM_FLOAT_SHA256);
        assertThat(m.files().get("wm.nii.gz").sourceFile()).isEqualTo("mni_icbm152_wm_tal_nlin_sym_09a.nii.gz");
        assertThat(m.citations()).hasSize(3);
        assertThat(Files.readString(inst.directory().resolve("LICENSE.txt"))).contains("Louis Collins");
        // The shared files are read-only; the installed copies must not be (so --force can replace them).
        if (Files.getFileStore(inst.directory()).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(inst.directory().resolve("gm.nii.gz")))
                .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void installsTheSharedReleaseZippedAndServedOverHttpWithItsLicence() throws Exception {
        Path release = RealData.file("mni_icbm152_nlin_sym_09a");
        Path zip = AtlasFixtures.zip(release, "mni_icbm152_nlin_sym_09a/", tmp.resolve("release.zip"));
        String sha = Sha256.of(zip);
        AtlasLocator locator = AtlasLocator.at(tmp.resolve("cache"));
        List<String> log = new ArrayList<>();
        try (LocalHttpServer server = LocalHttpServer.serving(Files.readAllBytes(zip))) {
            InstalledAtlas inst = new AtlasInstaller(locator, log::add).install(
                new AtlasSource.Download(server.uri("/mni_icbm152_nlin_sym_09a_nifti.zip")),
                AtlasInstaller.Options.DEFAULTS.withSha256(sha));
            AtlasMetadata m = Atlas.load(inst.directory()).metadata().orElseThrow();
            assertThat(m.archiveSha256()).isEqualTo(sha);
            assertThat(m.files().get("t1.nii.gz").sourceFile())
                .isEqualTo("mni_icbm152_nlin_sym_09a/atlas/mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz");
            // The release's own LICENSE.txt (one folder above the images) is kept, byte for byte.
            assertThat(m.licenseFiles()).containsExactly("LICENSE.txt");
            assertThat(Files.readAllBytes(inst.directory().resolve("LICENSE.txt")))
                .isEqualTo(Files.readAllBytes(release.resolve("LICENSE.txt")));
        }
    }
}
