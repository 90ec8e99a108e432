package org.plaque.cli;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.plaque.InvalidInputException;
import org.plaque.geom.Tolerance;
import org.plaque.image.ScalarVolume;
import org.plaque.io.AtomicFiles;
import org.plaque.io.nifti.NiftiReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque checkerboard}: interleaved blocks of two aligned images as a PNG, the visual check of a registration. */
@Command(name = "checkerboard", mixinStandardHelpOptions = true,
    description = {"Writes a checkerboard PNG of two aligned images: the visual check of a registration.",
        "Writes a PNG of interleaved blocks of two images on the same grid (e.g. a registered moving",
        "image and its fixed image): where they are aligned, anatomy runs on continuously across block edges.",
        "Each image is windowed by its own 1st-99th percentiles. Without --slice: axial, coronal and sagittal",
        "mid-slices side by side. Radiological convention: the patient's right is on the left of the picture;",
        "anterior at the top of axial slices, superior at the top of coronal and sagittal ones, anterior on the",
        "left of sagittal ones. Pixels are square millimetres (thick slices are stretched to scale)."})
final class CheckerboardCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "First image (NIfTI).")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "Second image, on the same grid as A.")
    Path second;

    @Parameters(index = "2", paramLabel = "OUT.png", description = "Output PNG.")
    Path out;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "8",
        description = "Blocks across each panel and down it (default: 8).")
    int blocks;

    @Option(names = "--slice", paramLabel = "PLANE", description = "axial, coronal or sagittal: one slice only.")
    String slice;

    @Option(names = "--index", paramLabel = "N",
        description = "Slice index (0-based) along A's voxel axis closest to the plane's normal, as a viewer of A "
            + "shows it (default: the middle slice). Needs --slice.")
    Integer index;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String name = out.getFileName() == null ? "" : out.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "output " + out + " must end in .png");
        }
        if (blocks < 1 || blocks > 512) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--blocks must be between 1 and 512");
        }
        CheckerboardImage.Plane plane = null;
        if (slice != null) {
            try {
                plane = CheckerboardImage.Plane.parse(slice);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--slice must be axial, coronal or sagittal, not '" + slice + "'");
            }
        } else if (index != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--index needs --slice");
        }
        NiftiReader reader = input.reader();
        ScalarVolume a = reader.readScalar(first);
        ScalarVolume b = reader.readScalar(second);
        if (!a.geometry().sameGrid(b.geometry(), Tolerance.DEFAULT)) {
            throw new InvalidInputException(first + " and " + second + " are not on the same grid ("
                + a.geometry() + " vs " + b.geometry() + "); resample one onto the other first, e.g. with "
                + "plaque apply-transform");
        }
        CheckerboardImage board = new CheckerboardImage(a, b);
        BufferedImage image;
        if (plane == null) {
            image = board.montage(blocks);
        } else {
            int ras;
            if (index == null) {
                ras = board.middle(plane);
            } else {
                try {
                    ras = CheckerboardImage.rasIndex(a, plane, index);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            }
            image = board.panel(plane, ras, blocks);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available in this Java runtime");
        }
        byte[] bytes = png.toByteArray();
        AtomicFiles.write(out, o -> o.write(bytes));
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%d×%d pixels, %s)%n", out, image.getWidth(),
            image.getHeight(), plane == null ? "axial | coronal | sagittal" : plane.name().toLowerCase(Locale.ROOT));
        return ExitCode.OK;
    }
}
