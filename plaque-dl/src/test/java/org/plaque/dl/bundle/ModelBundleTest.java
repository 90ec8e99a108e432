package org.plaque.dl.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plaque.InvalidInputException;

class ModelBundleTest {
    @TempDir
    Path tmp;

    static ModelJson card(double threshold) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("depth", 4);
        hyper.put("base_width", 16);
        hyper.put("dropout", 0.1);
        hyper.put("norm", "instance");
        return new ModelJson(1, "test-unet", "unet3d", hyper, List.of("FLAIR", "T1"), "MNI152",
            new ModelJson.Spacing(1, 1, 1.5), "RAS", "zscore-brain", List.of(64, 64, 64), 0.5, threshold, 3, 3.0,
            new ModelJson.Training("two MNI patients + synthetic lesions", List.of("patient07", "patient19"),
                "Adam 1e-3, BCE + soft Dice", "flips, affine, gamma", 50, 42L, 1234.5, "plaque train --arch unet3d"),
            Map.of("dice_loo", 0.71), "CC-BY-4.0",
            List.of(new ModelJson.WeightsFile("fold1.params", null, "checkpoint"),
                new ModelJson.WeightsFile("fold2.params", null, "checkpoint")), "Plaque 0.1.0-SNAPSHOT");
    }

    static Map<String, byte[]> weights() {
        Map<String, byte[]> w = new LinkedHashMap<>();
        w.put("fold1.params", new byte[] {1, 2, 3, 4, 5});
        w.put("fold2.params", "second checkpoint".getBytes(StandardCharsets.UTF_8));
        return w;
    }

    @Test
    void writeThenOpenGivesTheSameCardAndWeights() throws IOException {
        Path dir = tmp.resolve("model");
        ModelJson written = ModelBundle.write(dir, card(0.4), weights());
        assertThat(written.weights()).extracting(ModelJson.WeightsFile::sha256)
            .allSatisfy(s -> assertThat(s).hasSize(64))
            .contains("74f81fe167d99b4cb41d6d0ccda82278caee9f3e2f25d5e5a3936ff3dcec60d0");
        ModelBundle b = ModelBundle.open(dir);
        assertThat(b.model()).isEqualTo(written);
        assertThat(b.model().patchShape()).containsExactly(64, 64, 64);
        assertThat(b.weights("fold2.params")).isEqualTo(weights().get("fold2.params"));
        assertThat(b.weights()).containsExactly(1, 2, 3, 4, 5);
        assertThat(Files.readString(dir.resolve(ModelBundle.MODEL_JSON))).contains("\"input_channels\"")
            .contains("\"spacing_mm\"").contains("\"min_lesion_mm3\"").doesNotContain("patch_shape")
            .doesNotContain("weights_file_names").doesNotContain("overlap_or_default");
        // same bundle from files and from a zip of the folder (model.json inside one top-level folder)
        Path copy = tmp.resolve("copy");
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("fold1.params", dir.resolve("fold1.params"));
        files.put("fold2.params", dir.resolve("fold2.params"));
        assertThat(ModelBundle.writeFromFiles(copy, card(0.4), files)).isEqualTo(written);
        Path zip = zip(tmp.resolve("model.zip"), Map.of(
            "model/model.json", Files.readAllBytes(dir.resolve("model.json")),
            "model/fold1.params", weights().get("fold1.params"),
            "model/fold2.params", weights().get("fold2.params")));
        ModelBundle z = ModelBundle.open(zip);
        assertThat(z.model()).isEqualTo(written);
        assertThat(z.openWeights("fold1.params").readAllBytes()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void changedWeightsFailWithTheirChecksums() throws IOException {
        Path dir = tmp.resolve("m");
        ModelJson written = ModelBundle.write(dir, card(0.5), weights());
        ModelBundle b = ModelBundle.open(dir);
        Files.write(dir.resolve("fold2.params"), new byte[] {9});
        String expected = written.weights().get(1).sha256();
        assertThatThrownBy(() -> ModelBundle.open(dir)).isInstanceOf(InvalidInputException.class)
            .hasMessageStartingWith("model bundle " + dir + ": fold2.params sha256 mismatch (expected " + expected
                + ", found ")
            .hasMessageNotContaining("\n");
        // a file changed after opening is refused too
        assertThatThrownBy(() -> b.weights("fold2.params")).hasMessageContaining("sha256 mismatch");
        Files.delete(dir.resolve("fold2.params"));
        assertThatThrownBy(() -> ModelBundle.open(dir)).hasMessage("model bundle " + dir
            + ": weights file fold2.params is missing");
    }

    @Test
    void invalidCardsFailWithOneLineNamingTheField() throws IOException {
        String good = ModelBundle.toJson(ModelBundle.write(tmp.resolve("g"), card(0.5), weights()));
        assertThat(openWith("ok", good).model().threshold()).isEqualTo(0.5);
        assertThatThrownBy(() -> openWith("t", good.replace("\"threshold\" : 0.5", "\"threshold\" : 1.0")))
            .isInstanceOf(InvalidInputException.class).hasMessageEndingWith("model.json: \"threshold\" must be in"
                + " (0, 1), got 1.0");
        assertThatThrownBy(() -> openWith("n", good.replace("\"threshold\" : 0.5,", "")))
            .hasMessageEndingWith(": model.json: \"threshold\" is missing");
        assertThatThrownBy(() -> openWith("a", good.replace("\"unet3d\"", "\"resnet\"")))
            .hasMessageContaining("\"architecture\" is \"resnet\", expected one of unet3d, unet2d, cascade");
        assertThatThrownBy(() -> openWith("s", good.replace("\"z\" : 1.5", "\"z\" : -1.5")))
            .hasMessageContaining("\"spacing_mm\" must be finite and positive");
        assertThatThrownBy(() -> openWith("p", good.replace("\"patch_size\" : [ 64, 64, 64 ]",
            "\"patch_size\" : [ 64, 0, 64 ]"))).hasMessageContaining("\"patch_size\" must be three positive sizes");
        assertThatThrownBy(() -> openWith("o", good.replace("\"RAS\"", "\"RRS\"")))
            .hasMessageContaining("\"orientation\" is \"RRS\"");
        assertThatThrownBy(() -> openWith("z", good.replace("\"zscore-brain\"", "\"minmax\"")))
            .hasMessageContaining("model.json: \"normalisation\": unknown intensity normalisation 'minmax'");
        assertThatThrownBy(() -> openWith("w", good.replace("\"fold1.params\"", "\"../fold1.params\"")))
            .hasMessageContaining("must be a plain file name");
        assertThatThrownBy(() -> openWith("j", "{ \"name\": "))
            .hasMessageContaining("model.json: not valid JSON").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> openWith("x", good.replace("\"threshold\" : 0.5", "\"threshold\" : [1]")))
            .hasMessageContaining("model.json: wrong type at \"threshold\"");
        assertThatThrownBy(() -> openWith("v", good.replace("\"format_version\" : 1", "\"format_version\" : 2")))
            .hasMessageContaining("format_version 2 is not supported");
        assertThatThrownBy(() -> ModelBundle.write(tmp.resolve("bad"), card(0), weights()))
            .isInstanceOf(InvalidInputException.class).hasMessageContaining("threshold");
        assertThat(tmp.resolve("bad")).doesNotExist();
        assertThatThrownBy(() -> ModelBundle.open(tmp.resolve("nothing")))
            .hasMessageContaining("does not exist");
    }

    private ModelBundle openWith(String name, String json) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.json"), json);
        for (Map.Entry<String, byte[]> e : weights().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        return ModelBundle.open(dir);
    }

    @Test
    void unsafeOrAmbiguousZipsAreRefused() throws IOException {
        byte[] json = ModelBundle.toJson(ModelBundle.write(tmp.resolve("g"), card(0.5), weights()))
            .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model.json", json);
        entries.putAll(weights());
        entries.put("../evil.sh", new byte[] {1});
        Path z = zip(tmp.resolve("evil.zip"), entries);
        assertThatThrownBy(() -> ModelBundle.open(z)).isInstanceOf(InvalidInputException.class)
            .hasMessage("model bundle " + z + ": zip entry \"../evil.sh\" is not a safe relative path (absolute, \"..\""
                + " or backslash)");
        entries.remove("../evil.sh");
        entries.put("other/model.json", json);
        Path two = zip(tmp.resolve("two.zip"), entries);
        assertThatThrownBy(() -> ModelBundle.open(two)).hasMessageContaining("several model.json");
        entries.remove("other/model.json");
        entries.remove("fold2.params");
        Path missing = zip(tmp.resolve("missing.zip"), entries);
        assertThatThrownBy(() -> ModelBundle.open(missing))
            .hasMessage("model bundle " + missing + ": weights file fold2.params is missing from the zip");
        Path notZip = tmp.resolve("not.zip");
        Files.writeString(notZip, "hello");
        assertThatThrownBy(() -> ModelBundle.open(notZip)).hasMessageContaining("not a folder or a readable zip");
    }

    @Test
    void checkSubjectNamesTheMissingChannels() throws IOException {
        Path dir = tmp.resolve("m");
        ModelBundle.write(dir, card(0.5), weights());
        ModelBundle b = ModelBundle.open(dir);
        assertThat(b.checkSubject(List.of("t2", "T1", "flair"))).containsExactly(2, 1);
        assertThatThrownBy(() -> b.checkSubject(List.of("FLAIR")))
            .isInstanceOf(InvalidInputException.class)
            .hasMessage("model bundle " + dir + ": the model needs FLAIR, T1; the subject has FLAIR (missing T1)");
    }

    private static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zos = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zos.putNextEntry(new ZipEntry(e.getKey()));
                zos.write(e.getValue());
                zos.closeEntry();
            }
        }
        return file;
    }
}
