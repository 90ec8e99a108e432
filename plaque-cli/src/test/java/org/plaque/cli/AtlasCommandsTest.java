package org.plaque.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.atlas.Atlas;
import org.plaque.pipeline.atlas.Sha256;
import org.plaque.pipeline.testing.AtlasFixtures;
import org.plaque.pipeline.testing.LocalHttpServer;
import org.plaque.testkit.phantom.HeadPhantom;
import org.plaque.testkit.phantom.PhantomAtlas;
import org.plaque.testkit.phantom.PhantomParams;

/**
 * {@code plaque atlas install|list|path|check} in-process, always with {@code --cache-dir} in a temporary
 * folder so that no test touches the real home folder.
 */
class AtlasCommandsTest {
    @TempDir
    Path tmp;

    private String cache() {
        return tmp.resolve("cache").toString();
    }

    private List<String> installed() throws Exception {
        Path dir = tmp.resolve("cache/atlases");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installListPathAndCheckAFolder() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        CliRun r = CliRun.of("atlas", "install", "--from", src.toString(), "--name", "tiny", "--cache-dir", cache());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path dir = tmp.resolve("cache/atlases/tiny").toAbsolutePath();
        assertThat(r.out()).contains("installed atlas tiny in " + dir);
        assertThat(r.err()).isEmpty();

        CliRun list = CliRun.of("atlas", "list", "--cache-dir", cache());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out().strip()).startsWith("tiny").contains(dir.toString()).endsWith("(default)");

        JsonNode json = Json.mapper().readTree(CliRun.of("atlas", "list", "--json", "--cache-dir", cache()).out());
        assertThat(json.get("default").asText()).isEqualTo("tiny");
        assertThat(json.get("atlases")).hasSize(1);
        assertThat(json.get("atlases").get(0).get("path").asText()).isEqualTo(dir.toString());
        assertThat(json.get("atlases").get(0).get("complete").asBoolean()).isTrue();

        assertThat(CliRun.of("atlas", "path", "--cache-dir", cache()).out().strip()).isEqualTo(dir.toString());
        assertThat(CliRun.of("atlas", "path", "tiny", "--cache-dir", cache()).out().strip()).isEqualTo(dir.toString());

        CliRun check = CliRun.of("atlas", "check", "--cache-dir", cache());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("atlas:       tiny").contains("grid:        6×5×4 voxels of 2×2×2 mm")
            .contains("brain mask:  24 voxels, 192.0 mm³").contains("mean 1.0000").endsWith("ok\n");
        assertThat(CliRun.of("atlas", "check", "--atlas", src.toString()).out()).contains("(no atlas.json)");
    }

    @Test
    void withoutAnAtlasCommandsSayHowToInstallOne() {
        for (String[] args : new String[][] {{"atlas", "path"}, {"atlas", "check"}, {"atlas", "path", "other"}}) {
            String[] full = Stream.concat(Stream.of(args), Stream.of("--cache-dir", cache())).toArray(String[]::new);
            CliRun r = CliRun.of(full);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.oneErrorLine()).isTrue();
            assertThat(r.err()).startsWith("plaque atlas ").contains("plaque atlas install");
            assertThat(r.out()).isEmpty();
        }
        CliRun list = CliRun.of("atlas", "list", "--cache-dir", cache());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("no atlas is installed").contains("plaque atlas install");
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwoAndInstallNothing() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        String[][] cases = {
            {"atlas"},
            {"atlas", "install", "--from", src.toString(), "--name", "bad name"},
            {"atlas", "install", "--from", src.toString(), "--name", "x", "--sha256", "123"},
            {"atlas", "install", "--from", src.toString(), "--name", "x", "--sha256", "a".repeat(64)},
            {"atlas", "install", "--from", "ftp://example.org/x.zip"},
            {"atlas", "install", "--from", src.toString()},
            {"atlas", "path", "../escape"},
            {"atlas", "check", "x", "--atlas", src.toString()},
        };
        for (String[] args : cases) {
            String[] full = Stream.concat(Stream.of(args), Stream.of("--cache-dir", cache())).toArray(String[]::new);
            CliRun r = CliRun.of(full);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(ExitCode.USAGE);
            assertThat(r.oneErrorLine()).as(r.err()).isTrue();
        }
        assertThat(CliRun.of("atlas", "install", "--from", src.toString(), "--cache-dir", cache()).err())
            .contains("plaque atlas install: the source has no atlas.json naming the atlas; name it with --name");
        assertThat(installed()).isEmpty();
    }

    @Test
    void secondInstallNeedsForce() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        String[] args = {"atlas", "install", "--from", src.toString(), "--name", "tiny", "--cache-dir", cache()};
        assertThat(CliRun.of(args).exitCode()).isZero();
        CliRun again = CliRun.of(args);
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains("already installed").contains("--force");
        AtlasFixtures.writeEightBit(AtlasFixtures::wm, src.resolve("wm.nii.gz"));
        String[] forced = Stream.concat(Stream.of(args), Stream.of("--force")).toArray(String[]::new);
        assertThat(CliRun.of(forced).exitCode()).isZero();
        assertThat(Sha256.of(tmp.resolve("cache/atlases/tiny/wm.nii.gz"))).isEqualTo(Sha256.of(src.resolve("wm.nii.gz")));
        assertThat(installed()).containsExactly("tiny");
    }

    @Test
    void zipWithChecksumInstallsAndAWrongChecksumExitsThreeInstallingNothing() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), true, true);
        Path zip = AtlasFixtures.zip(src, "mni_icbm152_nlin_sym_09a/", tmp.resolve("release.zip"));
        CliRun wrong = CliRun.of("atlas", "install", "--from", zip.toString(), "--sha256", "0".repeat(64),
            "--cache-dir", cache());
        assertThat(wrong.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(wrong.oneErrorLine()).isTrue();
        assertThat(wrong.err()).contains("its SHA-256 is " + Sha256.of(zip));
        assertThat(installed()).isEmpty();

        CliRun ok = CliRun.of("atlas", "install", "--from", zip.toString(), "--sha256", Sha256.of(zip),
            "--cache-dir", cache());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("installed atlas mni_icbm152_nlin_sym_09a")
            .contains("keep LICENSE.txt with the atlas files").contains("please cite");
        assertThat(installed()).containsExactly("mni_icbm152_nlin_sym_09a");
        assertThat(CliRun.of("atlas", "list", "--cache-dir", cache()).out())
            .contains("ICBM 2009a nonlinear symmetric").contains("(default)");
    }

    @Test
    void httpUrlInstallsAndReportsTheDownloadChecksum() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), false, false);
        Path zip = AtlasFixtures.zip(src, "", tmp.resolve("release.zip"));
        try (LocalHttpServer server = LocalHttpServer.serving(Files.readAllBytes(zip))) {
            CliRun r = CliRun.of("atlas", "install", "--from", server.uri("/release.zip").toString(),
                "--cache-dir", cache());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("downloading " + server.uri("/release.zip"))
                .contains("SHA-256 is " + Sha256.of(zip));
        }
        try (LocalHttpServer server = LocalHttpServer.failingWith(503)) {
            CliRun r = CliRun.of("atlas", "install", "--from", server.uri("/release.zip").toString(),
                "--name", "other", "--cache-dir", cache());
            assertThat(r.exitCode()).isEqualTo(ExitCode.PROCESSING_FAILURE);
            assertThat(r.oneErrorLine()).isTrue();
            assertThat(r.err()).contains("HTTP 503");
        }
        assertThat(installed()).containsExactly("mni_icbm152_nlin_sym_09a");
    }

    @Test
    void unsafeOrInvalidSourcesExitThreeWithOneLine() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        Path slip = AtlasFixtures.zipEntries(tmp.resolve("slip.zip"), new String[] {"t1.nii.gz", "../../../x"},
            new byte[][] {Files.readAllBytes(src.resolve("t1.nii.gz")), "x".getBytes(StandardCharsets.UTF_8)});
        NiftiWriter.write(AtlasFixtures.volume(AtlasFixtures.grid(3), AtlasFixtures::gm), src.resolve("gm.nii.gz"));
        String[][] cases = {
            {slip.toString(), "zip slip"},
            {src.toString(), "not on the grid of t1.nii.gz"},
            {tmp.resolve("absent").toString(), "no such file or folder"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.of("atlas", "install", "--from", c[0], "--name", "n", "--cache-dir", cache());
            assertThat(r.exitCode()).as(c[1]).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(r.oneErrorLine()).as(r.err()).isTrue();
            assertThat(r.err()).contains(c[1]);
        }
        CliRun check = CliRun.of("atlas", "check", "--atlas", src.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(check.err()).contains(src.resolve("gm.nii.gz").toString()).contains("resample it");
        assertThat(installed()).isEmpty();
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    /**
     * The phantom's atlas, written under the names {@code plaque phantom} uses (PhantomCommandTest checks the
     * command writes them), at 3 mm so that the test stays fast.
     */
    @Test
    void thePhantomAtlasSatisfiesTheLayoutAndInstalls() throws Exception {
        PhantomAtlas pa = HeadPhantom.generate(PhantomParams.DEFAULTS.withSpacingMm(3.0)).atlas();
        Path dir = Files.createDirectories(tmp.resolve("ph/atlas"));
        NiftiWriter.write(pa.t1(), dir.resolve("t1.nii.gz"));
        NiftiWriter.write(pa.wm(), dir.resolve("wm.nii.gz"));
        NiftiWriter.write(pa.gm(), dir.resolve("gm.nii.gz"));
        NiftiWriter.write(pa.csf(), dir.resolve("csf.nii.gz"));
        NiftiWriter.write(pa.brainMask(), dir.resolve("brain_mask.nii.gz"));

        Atlas a = Atlas.load(dir);
        assertThat(a.brainMask().count()).isEqualTo(pa.brainMask().count()).isPositive();
        // The phantom documents WM + GM + CSF = 1 in every brain-mask voxel.
        assertThat(a.tissueSumInMask().min()).isCloseTo(1, within(1e-5));
        assertThat(a.tissueSumInMask().max()).isCloseTo(1, within(1e-5));

        CliRun check = CliRun.of("atlas", "check", "--atlas", dir.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        CliRun inst = CliRun.of("atlas", "install", "--from", dir.toString(), "--name", "phantom",
            "--cache-dir", cache());
        assertThat(inst.exitCode()).as(inst.err()).isZero();
        assertThat(inst.out()).contains("no licence file");
        assertThat(CliRun.of("atlas", "path", "--cache-dir", cache()).out().strip()).endsWith("phantom");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun r = CliRun.of("atlas", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("install", "list", "path", "check");
        assertThat(CliRun.of("--help").out()).contains("atlas");
        CliRun install = CliRun.of("atlas", "install", "--help");
        assertThat(install.out()).contains("Usage: plaque atlas install")
            .contains("https://www.bic.mni.mcgill.ca/~vfonov/icbm/2009/mni_icbm152_nlin_sym_09a_nifti.zip");
    }
}
