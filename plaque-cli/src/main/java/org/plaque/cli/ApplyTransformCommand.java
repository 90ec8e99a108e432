package org.plaque.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.plaque.InvalidInputException;
import org.plaque.exec.ExecutionContext;
import org.plaque.filter.spatial.Resample;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Interpolation;
import org.plaque.image.LabelVolume;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;
import org.plaque.io.itk.ItkTransformFile;
import org.plaque.io.nifti.NiftiDataType;
import org.plaque.io.nifti.NiftiHeader;
import org.plaque.io.nifti.NiftiWriter;
import org.plaque.registration.transform.CompositeTransform;
import org.plaque.registration.transform.LinearTransform;
import org.plaque.registration.transform.Transform;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code plaque apply-transform}: resamples an image onto a reference grid through ITK transform files. */
@Command(name = "apply-transform", mixinStandardHelpOptions = true,
    description = {"Resamples an image onto a reference grid through ITK transform files.",
        "Resamples IN onto the grid of the reference image through one or more ITK transform files",
        "(as ITK's ResampleImageFilter and ANTs' antsApplyTransforms): OUT(p) = IN(T(p)) for every voxel centre p",
        "of the reference, where T maps reference (fixed) points to IN (moving) points — the direction that",
        "registration writes (plaque register, ITK, ANTs, elastix converted to ITK).",
        "",
        "Order (ITK's composite order, as antsApplyTransforms' -t): with --transform T1 --transform T2 … --transform Tn",
        "the LAST listed is applied FIRST to the reference point: T(p) = T1(T2(…Tn(p))). A composite file counts",
        "as its transforms in the file's order. So for a registration result written as an affine A plus a",
        "B-spline B refining it on the fixed grid, list --transform A.txt --transform B.txt.",
        "",
        "Outputs are float32 for linear and bspline; nearest keeps the input's datatype (float32 if the input is",
        "scaled), and integer inputs are resampled as exact integer labels. Voxels that map outside IN get",
        "--default-value (0 for integer outputs). World coordinates follow each file's header; ITK files are",
        "read in ITK's LPS convention."})
final class ApplyTransformCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "Image to resample (moving image), NIfTI.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output file, .nii or .nii.gz, on the reference grid.")
    Path out;

    @Option(names = {"-r", "--reference"}, required = true, paramLabel = "R",
        description = "Image whose grid (size, spacing, origin, direction) the output takes; only its header is read.")
    Path reference;

    @Option(names = {"-t", "--transform"}, required = true, paramLabel = "T",
        description = {"ITK transform file (.txt/.tfm), repeatable; the last listed acts first. 'identity' for none;",
            "[T,1] applies the inverse of T (linear transforms only; as antsApplyTransforms)."})
    List<String> transforms;

    @Option(names = {"-n", "--interp"}, paramLabel = "KIND", defaultValue = "linear",
        description = "linear (trilinear; default), nearest, or bspline (cubic B-spline, Unser 1999).")
    String interp;

    @Option(names = "--default-value", paramLabel = "V", defaultValue = "0",
        description = "Value of output voxels that map outside IN (default: 0).")
    float defaultValue;

    @Mixin
    ThreadsOption threads;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.requireNifti(spec, out);
        Interpolation kind = parseInterpolation();
        if (!Float.isFinite(defaultValue)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--default-value must be finite");
        }
        NiftiHeader refHeader = input.reader().readHeader(reference);
        int[] size = refHeader.volumeSize();
        ImageGeometry grid = ImageGeometry.of(size[0], size[1], size[2], refHeader.affine());
        Transform t = chain();
        NiftiHeader inHeader = input.reader().readHeader(in);
        NiftiDataType inType = inHeader.dataType();
        boolean scaled = isScaled(inHeader);
        boolean integerLabels = kind == Interpolation.NEAREST && inType.isInteger() && !scaled;
        if (integerLabels && defaultValue != 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--default-value must be 0 for integer images resampled with --interp nearest");
        }
        long t0 = System.nanoTime();
        Volume result;
        NiftiDataType outType;
        try (ExecutionContext ctx = threads.context()) {
            if (integerLabels) {
                // integers beyond 2^24 would not survive float32: resample them as labels
                LabelVolume labels = input.reader().readLabels(in);
                result = Resample.labels(labels, grid, t, ctx);
                outType = inType;
            } else {
                ScalarVolume v = input.reader().readScalar(in);
                result = Resample.scalar(v, grid, t, kind, defaultValue, ctx);
                outType = kind == Interpolation.NEAREST && !scaled ? inType : NiftiDataType.FLOAT32;
            }
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        NiftiWriter.write(result, out, outType);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%d×%d×%d %s, %s, %d transform%s, resampled in %.3f s)%n",
            out, size[0], size[1], size[2], outType.label(), kind.name().toLowerCase(Locale.ROOT), transforms.size(),
            transforms.size() == 1 ? "" : "s", seconds);
        return ExitCode.OK;
    }

    private Interpolation parseInterpolation() {
        switch (interp.toLowerCase(Locale.ROOT)) {
            case "linear":
                return Interpolation.LINEAR;
            case "nearest":
                return Interpolation.NEAREST;
            case "bspline":
                return Interpolation.BSPLINE;
            default:
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--interp must be linear, nearest or bspline, not '" + interp + "'");
        }
    }

    /** The listed transforms as one composite in ITK order (the last listed acts first). */
    private Transform chain() {
        List<Transform> list = new ArrayList<>();
        for (String value : transforms) {
            Transform t = readOne(value);
            if (t != null) {
                list.add(t);
            }
        }
        CompositeTransform c = CompositeTransform.of(list);
        return c.size() == 1 ? c.transforms().get(0) : c;
    }

    /** One --transform value: a file, 'identity' (null), or [file,1] for its inverse. */
    private Transform readOne(String value) {
        if (value.equals("identity")) {
            return null;
        }
        String path = value;
        boolean invert = false;
        if (value.startsWith("[") && value.endsWith("]")) {
            int comma = value.lastIndexOf(',');
            if (comma < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--transform " + value + ": expected [FILE,0] or [FILE,1]");
            }
            String flag = value.substring(comma + 1, value.length() - 1).strip();
            if (!flag.equals("0") && !flag.equals("1")) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--transform " + value + ": the flag after the comma must be 0 or 1");
            }
            invert = flag.equals("1");
            path = value.substring(1, comma).strip();
        }
        Transform t = ItkTransformFile.read(Path.of(path));
        if (!invert) {
            return t;
        }
        if (t instanceof LinearTransform l) {
            return inverse(l, path);
        }
        if (t instanceof CompositeTransform c && c.toAffine().isPresent()) {
            return c.inverse();
        }
        throw new InvalidInputException(path + ": cannot invert this transform (only linear transforms have an inverse)");
    }

    private static Transform inverse(LinearTransform l, String path) {
        try {
            return l.inverse();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + ": cannot invert the transform: " + e.getMessage(), e);
        }
    }

    private static boolean isScaled(NiftiHeader h) {
        double slope = h.sclSlope();
        return Double.isFinite(slope) && slope != 0 && (slope != 1 || h.sclInter() != 0);
    }
}
