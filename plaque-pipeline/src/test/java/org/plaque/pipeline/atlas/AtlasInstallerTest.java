package org.plaque.pipeline.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.pipeline.testing.AtlasFixtures;
import org.plaque.pipeline.testing.LocalHttpServer;

/** Installing atlases from folders, zips and URLs into a temporary cache; failures leave nothing behind. */
class AtlasInstallerTest {
    @TempDir
    Path tmp;

    private AtlasLocator locator;
    private AtlasInstaller installer;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() {
        locator = AtlasLocator.at(tmp.resolve("cache"));
        installer = new AtlasInstaller(locator, log::add);
    }

    /** Everything in the atlases folder, hidden entries included. */
    private List<String> cacheEntries() throws IOException {
        if (!Files.isDirectory(locator.atlasesDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(locator.atlasesDir())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static AtlasInstaller.Options named(String name) {
        return AtlasInstaller.Options.DEFAULTS.withName(name);
    }

    @Test
    void installsPlaqueLayoutFolderUnderItsNameWithChecksumsAndLeavesTheSourceAlone() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        Files.writeString(src.resolve("LICENSE"), "tiny licence");
        byte[] gmBefore = Files.readAllBytes(src.resolve("gm.nii.gz"));
        InstalledAtlas inst = installer.install(new AtlasSource.Folder(src), named("tiny"));

        assertThat(inst.directory()).isEqualTo(locator.atlasesDir().resolve("tiny"));
        assertThat(cacheEntries()).containsExactly("tiny");
        assertThat(Files.readAllBytes(inst.directory().resolve("gm.nii.gz"))).isEqualTo(gmBefore);
        assertThat(Files.readAllBytes(src.resolve("gm.nii.gz"))).isEqualTo(gmBefore);
        assertThat(src.resolve("atlas.json")).doesNotExist();
        assertThat(inst.directory().resolve("LICENSE")).hasContent("tiny licence");

        Atlas a = Atlas.load(inst.directory());
        AtlasMetadata m = a.metadata().orElseThrow();
        assertThat(m.name()).isEqualTo("tiny");
        assertThat(m.installedFrom()).isEqualTo(src.toAbsolutePath().normalize().toString());
        assertThat(m.licenseFiles()).containsExactly("LICENSE");
        assertThat(m.files()).containsOnlyKeys("t1.nii.gz", "wm.nii.gz", "gm.nii.gz", "csf.nii.gz",
            "brain_mask.nii.gz");
        assertThat(m.files().get("gm.nii.gz").sha256()).isEqualTo(Sha256.of(src.resolve("gm.nii.gz")));
        assertThat(m.files().get("gm.nii.gz").sourceFile()).isEqualTo("gm.nii.gz");
        assertThat(a.tissueSumInMask().mean()).isCloseTo(1, within(1e-6));
        assertThat(locator.list()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("tiny");
            assertThat(i.isComplete()).isTrue();
            assertThat(i.metadata()).contains(m);
        });
    }

    @Test
    void plaqueLayoutWithoutAtlasJsonNeedsANameAndOneWithItIsNamedByIt() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--name NAME");
        assertThat(cacheEntries()).isEmpty();

        new AtlasMetadata("custom-1", "v2", "MNI", "https://example.org/custom", null, null, "CC-BY-4.0",
            List.of("TERMS.md"), List.of("Someone et al. 2020"), java.util.Map.of("wm.nii.gz",
            new AtlasMetadata.FileEntry(Sha256.of(src.resolve("wm.nii.gz")), null))).write(src.resolve("atlas.json"));
        Files.writeString(src.resolve("TERMS.md"), "terms");
        InstalledAtlas inst = installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS);
        assertThat(inst.name()).isEqualTo("custom-1");
        AtlasMetadata m = Atlas.load(inst.directory()).metadata().orElseThrow();
        assertThat(m.version()).isEqualTo("v2");
        assertThat(m.source()).isEqualTo("https://example.org/custom");
        assertThat(m.license()).isEqualTo("CC-BY-4.0");
        assertThat(m.citations()).containsExactly("Someone et al. 2020");
        assertThat(m.licenseFiles()).containsExactly("TERMS.md");
        assertThat(inst.directory().resolve("TERMS.md")).hasContent("terms");
        assertThat(m.files()).hasSize(5);
    }

    @Test
    void sourceWhoseFilesDoNotMatchItsOwnChecksumsIsRefused() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        new AtlasMetadata("c", null, null, null, null, null, null, null, null, java.util.Map.of("wm.nii.gz",
            new AtlasMetadata.FileEntry("0".repeat(64), null))).write(src.resolve("atlas.json"));
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("wm.nii.gz")
            .hasMessageContaining("does not match the SHA-256");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void icbmFolderIsMappedPreferringFloatMapsAndGetsTheMniNotice() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), false, true);
        InstalledAtlas inst = installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS);
        assertThat(inst.name()).isEqualTo(Icbm2009aRelease.NAME);
        Path dir = inst.directory();
        for (String t : new String[] {"gm", "wm", "csf"}) {
            Path from = src.resolve("mni_icbm152_" + t + "_tal_nlin_sym_09a.nii.gz");
            assertThat(Sha256.of(dir.resolve(t + ".nii.gz"))).as(t).isEqualTo(Sha256.of(from));
        }
        assertThat(Sha256.of(dir.resolve("t1.nii.gz")))
            .isEqualTo(Sha256.of(src.resolve("mni_icbm152_t1_tal_nlin_sym_09a.nii.gz")));
        AtlasMetadata m = Atlas.load(dir).metadata().orElseThrow();
        assertThat(m.files().get("wm.nii.gz").sourceFile()).isEqualTo("mni_icbm152_wm_tal_nlin_sym_09a.nii.gz");
        assertThat(m.files().get("brain_mask.nii.gz").sourceFile())
            .isEqualTo("mni_icbm152_t1_tal_nlin_sym_09a_mask.nii.gz");
        assertThat(m.version()).isEqualTo(Icbm2009aRelease.VERSION);
        assertThat(m.citations()).isEqualTo(Icbm2009aRelease.CITATIONS);
        assertThat(m.licenseFiles()).containsExactly("LICENSE.txt");
        assertThat(Files.readString(dir.resolve("LICENSE.txt")))
            .contains("Copyright (C) 1993-2004 Louis Collins").contains("must appear in all copies");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("LICENSE.txt", "atlas.json",
                "brain_mask.nii.gz", "csf.nii.gz", "gm.nii.gz", "t1.nii.gz", "wm.nii.gz");
        }
    }

    @Test
    void convertedOnlyMapsAreUsedWhenTheFloatOnesAreAbsent() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), false, true);
        Files.delete(src.resolve("mni_icbm152_gm_tal_nlin_sym_09a.nii.gz"));
        InstalledAtlas inst = installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS);
        Atlas a = Atlas.load(inst.directory());
        assertThat(a.metadata().orElseThrow().files().get("gm.nii.gz").sourceFile())
            .isEqualTo("mni_icbm152_gm_tal_nlin_sym_09a_converted.nii.gz");
        assertThat((double) a.gm().get(2, 2, 1)).isCloseTo(AtlasFixtures.gm(2, 2, 1), within(0.5 / 255));
        assertThat(a.gm().statistics().max()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void uncompressedNiftiIsGzippedOnInstallWithTheSameVoxels() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), true, false);
        InstalledAtlas inst = installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS);
        byte[] head = Files.readAllBytes(inst.directory().resolve("t1.nii.gz"));
        assertThat(head[0] & 0xff).isEqualTo(0x1f);
        assertThat(head[1] & 0xff).isEqualTo(0x8b);
        Atlas a = Atlas.load(inst.directory());
        assertThat(a.t1().get(3, 2, 1)).isEqualTo((float) AtlasFixtures.t1(3, 2, 1));
        assertThat((double) a.csf().get(3, 2, 1)).isCloseTo(AtlasFixtures.csf(3, 2, 1), within(1e-6));
    }

    @Test
    void incompleteIcbmFolderNamesWhatIsMissing() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), false, false);
        Files.delete(src.resolve("mni_icbm152_csf_tal_nlin_sym_09a.nii.gz"));
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(src), AtlasInstaller.Options.DEFAULTS))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining("lacks the CSF probability map (mni_icbm152_csf_tal_nlin_sym_09a.nii[.gz] or");
        assertThat(cacheEntries()).isEmpty();

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "nothing here");
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(empty), named("x")))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("no atlas found");
    }

    @Test
    void zipWithTheReleaseInsideOneFolderIsUnpackedAndVerified() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), true, false);
        Files.writeString(src.resolve("COPYING"), "publisher's notice");
        Path zip = AtlasFixtures.zip(src, "mni_icbm152_nlin_sym_09a/", tmp.resolve("release.zip"));
        String sha = Sha256.of(zip);
        InstalledAtlas inst = installer.install(new AtlasSource.Archive(zip),
            AtlasInstaller.Options.DEFAULTS.withSha256(sha.toUpperCase(java.util.Locale.ROOT)));
        AtlasMetadata m = Atlas.load(inst.directory()).metadata().orElseThrow();
        assertThat(m.archiveSha256()).isEqualTo(sha);
        assertThat(m.files().get("t1.nii.gz").sourceFile())
            .isEqualTo("mni_icbm152_nlin_sym_09a/mni_icbm152_t1_tal_nlin_sym_09a.nii");
        // The source's own licence file is kept instead of the built-in notice.
        assertThat(m.licenseFiles()).containsExactly("COPYING");
        assertThat(inst.directory().resolve("COPYING")).hasContent("publisher's notice");
        assertThat(inst.directory().resolve("LICENSE.txt")).doesNotExist();
        assertThat(cacheEntries()).containsExactly(Icbm2009aRelease.NAME);
    }

    @Test
    void wrongChecksumInstallsNothing() throws Exception {
        Path zip = AtlasFixtures.zip(AtlasFixtures.writePlaqueLayout(tmp.resolve("src")), "", tmp.resolve("a.zip"));
        String wrong = "ab".repeat(32);
        assertThatThrownBy(() -> installer.install(new AtlasSource.Archive(zip), named("a").withSha256(wrong)))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("its SHA-256 is " + Sha256.of(zip))
            .hasMessageContaining("not " + wrong);
        assertThat(cacheEntries()).isEmpty();
        assertThatThrownBy(() -> AtlasInstaller.Options.DEFAULTS.withSha256("abc"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 hexadecimal digits");
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(tmp.resolve("src")),
            named("a").withSha256(wrong))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not a folder");
    }

    @Test
    void downloadsOverHttpWithAndWithoutChecksum() throws Exception {
        Path src = AtlasFixtures.writeIcbmRelease(tmp.resolve("icbm"), false, true);
        byte[] zip = Files.readAllBytes(AtlasFixtures.zip(src, "mni_icbm152_nlin_sym_09a/", tmp.resolve("r.zip")));
        String sha = Sha256.of(tmp.resolve("r.zip"));
        try (LocalHttpServer server = LocalHttpServer.serving(zip)) {
            AtlasSource from = AtlasSource.parse(server.uri("/mni_icbm152_nlin_sym_09a_nifti.zip").toString());
            assertThat(from).isInstanceOf(AtlasSource.Download.class);

            InstalledAtlas inst = installer.install(from, AtlasInstaller.Options.DEFAULTS);
            AtlasMetadata m = Atlas.load(inst.directory()).metadata().orElseThrow();
            assertThat(m.installedFrom()).isEqualTo(server.uri("/mni_icbm152_nlin_sym_09a_nifti.zip").toString());
            assertThat(m.archiveSha256()).isEqualTo(sha);
            assertThat(log).anyMatch(l -> l.startsWith("downloading http://127.0.0.1:"))
                .anyMatch(l -> l.contains("verified by validating its images") && l.contains(sha));

            log.clear();
            InstalledAtlas again = installer.install(from, AtlasInstaller.Options.DEFAULTS.withForce(true)
                .withSha256(sha));
            assertThat(again.directory()).isEqualTo(inst.directory());
            assertThat(log).noneMatch(l -> l.contains("no checksum"));

            String wrong = "0".repeat(64);
            assertThatThrownBy(() -> installer.install(from, AtlasInstaller.Options.DEFAULTS.withName("other")
                .withSha256(wrong))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not " + wrong);
            assertThat(server.requests()).isEqualTo(3);
        }
        assertThat(cacheEntries()).containsExactly(Icbm2009aRelease.NAME);
    }

    @Test
    void httpErrorsAndOversizedDownloadsInstallNothing() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.failingWith(404)) {
            assertThatThrownBy(() -> installer.install(new AtlasSource.Download(server.uri("/missing.zip")),
                named("x"))).isInstanceOf(IOException.class).hasMessageContaining("HTTP 404");
        }
        java.net.URI closed;
        try (LocalHttpServer server = LocalHttpServer.serving(new byte[1])) {
            closed = server.uri("/gone.zip");
        }
        assertThatThrownBy(() -> installer.install(new AtlasSource.Download(closed), named("x")))
            .isInstanceOf(IOException.class).hasMessageStartingWith("cannot download " + closed);
        try (LocalHttpServer server = LocalHttpServer.serving(new byte[5000])) {
            assertThatThrownBy(() -> installer.install(new AtlasSource.Download(server.uri("/big.zip")),
                named("x").withLimits(new InstallLimits(4000, 1 << 20, 100))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than the limit of 4000 bytes");
        }
        try (LocalHttpServer server = LocalHttpServer.serving("<html>not a zip</html>".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> installer.install(new AtlasSource.Download(server.uri("/page")), named("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("neither a folder nor a zip archive");
        }
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void existingAtlasNeedsForceAndForceReplacesIt() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        installer.install(new AtlasSource.Folder(src), named("tiny"));
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(src), named("tiny")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already installed")
            .hasMessageContaining("--force");

        AtlasFixtures.writeEightBit(AtlasFixtures::gm, src.resolve("gm.nii.gz"));
        InstalledAtlas inst = installer.install(new AtlasSource.Folder(src), named("tiny").withForce(true));
        assertThat(Sha256.of(inst.directory().resolve("gm.nii.gz"))).isEqualTo(Sha256.of(src.resolve("gm.nii.gz")));
        assertThat(Atlas.load(inst.directory()).metadata().orElseThrow().files().get("gm.nii.gz").sha256())
            .isEqualTo(Sha256.of(src.resolve("gm.nii.gz")));
        assertThat(cacheEntries()).containsExactly("tiny");
    }

    @Test
    void failedInstallWithForceKeepsThePreviousAtlasAndLeavesNoTemporaryFiles() throws Exception {
        Path good = AtlasFixtures.writePlaqueLayout(tmp.resolve("good"));
        InstalledAtlas first = installer.install(new AtlasSource.Folder(good), named("tiny"));
        String before = Files.readString(first.directory().resolve("atlas.json"));

        Path bad = AtlasFixtures.writePlaqueLayout(tmp.resolve("bad"));
        NiftiWriter.write(AtlasFixtures.volume(AtlasFixtures.grid(1), AtlasFixtures::wm), bad.resolve("wm.nii.gz"));
        assertThatThrownBy(() -> installer.install(new AtlasSource.Folder(bad), named("tiny").withForce(true)))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("cannot install the atlas: " + bad.resolve("wm.nii.gz"))
            .hasMessageContaining("not on the grid of t1.nii.gz")
            .hasMessageEndingWith("nothing was installed")
            .message().doesNotContain(".install-");
        assertThat(cacheEntries()).containsExactly("tiny");
        assertThat(first.directory().resolve("atlas.json")).hasContent(before);
        Atlas.load(first.directory());
    }

    @Test
    void invalidAtlasInsideAZipIsReportedByEntryName() throws Exception {
        Path bad = AtlasFixtures.writePlaqueLayout(tmp.resolve("bad"));
        NiftiWriter.write(AtlasFixtures.volume((x, y, z) -> 2.0), bad.resolve("csf.nii.gz"));
        Path zip = AtlasFixtures.zip(bad, "atlas/", tmp.resolve("bad.zip"));
        assertThatThrownBy(() -> installer.install(new AtlasSource.Archive(zip), named("b")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessageContaining(zip.toAbsolutePath() + "!/atlas/csf.nii.gz")
            .hasMessageContaining("must lie in [0, 1]");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void zipSlipArchiveIsRefusedWithoutWritingAnything() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        // From <tmp>/cache/atlases/.install-*/source, three levels up is the cache and four the test folder.
        for (String evil : new String[] {"../../../LICENSE", "atlas/../../../../../LICENSE", "/tmp/LICENSE",
            "..\\..\\..\\LICENSE", "C:/LICENSE"}) {
            Path zip = tmp.resolve("evil.zip");
            Files.deleteIfExists(zip);
            String[] names = {"atlas/t1.nii.gz", evil};
            byte[][] contents = {Files.readAllBytes(src.resolve("t1.nii.gz")), "gotcha".getBytes(StandardCharsets.UTF_8)};
            AtlasFixtures.zipEntries(zip, names, contents);
            assertThatThrownBy(() -> installer.install(new AtlasSource.Archive(zip), named("e")))
                .as(evil).isInstanceOf(InvalidInputException.class).hasMessageContaining("zip slip")
                .hasMessageContaining(evil);
            assertThat(cacheEntries()).as(evil).isEmpty();
            assertThat(locator.cacheRoot().resolve("LICENSE")).doesNotExist();
            assertThat(tmp.resolve("LICENSE")).doesNotExist();
        }
    }

    @Test
    void zipBombAndEntryFloodAreRefused() throws Exception {
        Path zip = AtlasFixtures.zipEntries(tmp.resolve("bomb.zip"), new String[] {"t1.nii"},
            new byte[][] {new byte[3_000_000]});
        assertThat(Files.size(zip)).isLessThan(100_000);
        assertThatThrownBy(() -> installer.install(new AtlasSource.Archive(zip),
            named("b").withLimits(new InstallLimits(1 << 20, 1_000_000, 100))))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("passes the limit of 1000000 bytes");

        String[] names = new String[20];
        byte[][] contents = new byte[20][];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i;
            contents[i] = new byte[1];
        }
        Path flood = AtlasFixtures.zipEntries(tmp.resolve("flood.zip"), names, contents);
        assertThatThrownBy(() -> installer.install(new AtlasSource.Archive(flood),
            named("b").withLimits(new InstallLimits(1 << 20, 1 << 20, 10))))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("20 entries, more than the limit of 10");
        assertThat(cacheEntries()).isEmpty();
    }

    @Test
    void sourcesAreParsedFromPathsAndUrls() throws Exception {
        Path src = AtlasFixtures.writePlaqueLayout(tmp.resolve("src"));
        Path zip = AtlasFixtures.zip(src, "", tmp.resolve("a.zip"));
        assertThat(AtlasSource.parse(src.toString())).isEqualTo(new AtlasSource.Folder(src));
        assertThat(AtlasSource.parse(zip.toString())).isEqualTo(new AtlasSource.Archive(zip));
        assertThat(AtlasSource.parse(zip.toUri().toString())).isEqualTo(new AtlasSource.Archive(zip));
        assertThat(AtlasSource.parse("https://example.org/a.zip"))
            .isEqualTo(new AtlasSource.Download(java.net.URI.create("https://example.org/a.zip")));
        assertThat(AtlasSource.officialRelease().describe())
            .isEqualTo("https://www.bic.mni.mcgill.ca/~vfonov/icbm/2009/mni_icbm152_nlin_sym_09a_nifti.zip");
        assertThatThrownBy(() -> AtlasSource.parse("ftp://example.org/a.zip"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported URL");
        assertThatThrownBy(() -> AtlasSource.parse(tmp.resolve("absent").toString()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("no such file or folder");

        InstalledAtlas viaFileUrl = installer.install(AtlasSource.parse(zip.toUri().toString()), named("fromfile"));
        assertThat(Atlas.load(viaFileUrl.directory()).metadata().orElseThrow().archiveSha256())
            .isEqualTo(Sha256.of(zip));
    }
}
