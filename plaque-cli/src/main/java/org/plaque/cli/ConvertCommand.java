package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.plaque.filter.spatial.Reorient;
import org.plaque.geom.Orientation;
import org.plaque.image.ScalarVolume;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiHeader;
import org.plaque.io.nifti.NiftiImage;
import org.plaque.io.nifti.NiftiWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque convert}: rewrites an image, optionally reoriented and in another datatype. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Rewrites an image as NIfTI-1, optionally reoriented or in another datatype.",
        "OUT's name chooses .nii or .nii.gz; reorientation permutes/flips voxels and keeps every voxel's",
        "world position."})
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Input NIfTI-1/2 file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file, .nii or .nii.gz.")
    Path out;

    @Option(names = "--orient", paramLabel = "CODE",
        description = "Target axis code, e.g. RAS, LPS, LAS (default: keep the input's).")
    String orient;

    @Option(names = "--dtype", paramLabel = "TYPE",
        description = "uint8, int8, int16, uint16, int32, uint32, int64, float32 or float64 (default: the input's, "
            + "or float32 when the input is scaled by scl_slope/scl_inter). Integer types round; values out of "
            + "the type's range are an error.")
    String dtype;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireNifti(spec, out);
        String code = orient == null ? null : parseOrientation();
        NiftiDataType type = dtype == null ? null : parseType();
        NiftiImage image = input.reader().read(in);
        ScalarVolume v = image.volume();
        if (code != null) {
            v = Reorient.to(v, code);
        }
        NiftiDataType target = type != null ? type : defaultType(image.header());
        NiftiWriter.write(v, out, target);
        spec.commandLine().getOut().printf("wrote %s (%s, %s)%n", out, target.label(),
            Orientation.axisCodes(v.geometry().voxelToWorld()));
        return ExitCode.OK;
    }

    private String parseOrientation() {
        try {
            return Orientation.parse(orient);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--orient: " + e.getMessage());
        }
    }

    private NiftiDataType parseType() {
        try {
            return NiftiDataType.fromLabel(dtype);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--dtype: " + e.getMessage());
        }
    }

    private static NiftiDataType defaultType(NiftiHeader h) {
        double slope = h.sclSlope();
        boolean scaled = Double.isFinite(slope) && slope != 0 && (slope != 1 || h.sclInter() != 0);
        return scaled ? NiftiDataType.FLOAT32 : h.dataType();
    }
}
