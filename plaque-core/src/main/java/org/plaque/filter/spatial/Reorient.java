package org.plaque.filter.spatial;

import java.util.Objects;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.geom.Orientation;
import org.plaque.image.LabelVolume;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;
import org.plaque.image.Volume;

/**
 * Stores a volume in another orientation (RAS, LPS, LIA, …) by permuting and flipping its voxel axes —
 * no interpolation, every voxel value is copied exactly — and adjusting the voxel-to-world affine so that
 * every voxel keeps its world position (RAS+ mm).
 *
 * <p>Each target letter's world axis is matched to the voxel axis whose {@link Orientation#axisCodes
 * nearest world axis} it is, and that axis is flipped if the directions disagree: nibabel's
 * {@code as_reoriented(ornt_transform(io_orientation(affine), axcodes2ornt(code)))}. For axis-aligned and
 * moderately oblique grids the result's axis codes equal the request; for grids rotated by about 45° or
 * more, nearest-axis codes depend on the axis order, and the result's codes can differ from the request
 * (as in nibabel) although the voxels are still stored along the matched axes.
 */
public final class Reorient {
    private Reorient() {
    }

    /**
     * The same image stored so that its axis codes become {@code axisCode}: a pure permutation/flip of
     * voxels with the affine adjusted so every voxel keeps its world position. Works for all three volume
     * kinds and returns the same kind; returns {@code volume} itself when nothing needs to move.
     *
     * @param axisCode a code accepted by {@link Orientation#parse(String)}, any case
     * @throws IllegalArgumentException if the code is invalid
     */
    @SuppressWarnings("unchecked")
    public static <V extends Volume> V to(V volume, String axisCode) {
        Objects.requireNonNull(volume, "volume");
        Plan plan = plan(volume.geometry(), axisCode);
        if (plan.isIdentity()) {
            return volume;
        }
        if (volume instanceof ScalarVolume s) {
            return (V) scalar(s, plan);
        }
        if (volume instanceof Mask m) {
            return (V) mask(m, plan);
        }
        return (V) labels((LabelVolume) volume, plan);
    }

    /**
     * The grid a volume on {@code geometry} would have after {@link #to(Volume, String)}: sizes permuted,
     * affine adjusted so that each voxel centre keeps its world position.
     *
     * @throws IllegalArgumentException if the code is invalid
     */
    public static ImageGeometry geometry(ImageGeometry geometry, String axisCode) {
        return plan(geometry, axisCode).geometry;
    }

    /**
     * How output voxels map to source voxels: source linear index =
     * {@code start + o0·step[0] + o1·step[1] + o2·step[2]}.
     */
    private record Plan(ImageGeometry geometry, int start, int[] step, boolean isIdentity) {
    }

    private static Plan plan(ImageGeometry g, String axisCode) {
        String target = Orientation.parse(axisCode);
        String current = Orientation.axisCodes(g);
        int[] n = g.size();
        int[] stride = {1, n[0], n[0] * n[1]};
        int[] outSize = new int[3];
        int[] step = new int[3];
        int start = 0;
        // voxel (out) ↦ voxel (source): s = P·o + b
        double[][] p = new double[3][3];
        double[] b = new double[3];
        boolean identity = true;
        for (int d = 0; d < 3; d++) {
            char want = target.charAt(d);
            int a = 0;
            while (Orientation.worldAxis(current.charAt(a)) != Orientation.worldAxis(want)) {
                a++;
            }
            boolean flip = Orientation.sign(current.charAt(a)) != Orientation.sign(want);
            identity &= a == d && !flip;
            outSize[d] = n[a];
            step[d] = flip ? -stride[a] : stride[a];
            if (flip) {
                start += (n[a] - 1) * stride[a];
                b[a] = n[a] - 1;
            }
            p[a][d] = flip ? -1 : 1;
        }
        Affine voxelToWorld = g.voxelToWorld().multiply(Affine.of(p, b));
        ImageGeometry out = ImageGeometry.of(outSize[0], outSize[1], outSize[2], voxelToWorld);
        return new Plan(identity ? g : out, start, step, identity);
    }

    private static ScalarVolume scalar(ScalarVolume src, Plan plan) {
        ScalarVolume.Builder b = ScalarVolume.builder(plan.geometry);
        float[] dst = b.array();
        int[] n = plan.geometry.size();
        int[] s = plan.step;
        int o = 0;
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                int row = plan.start + y * s[1] + z * s[2];
                for (int x = 0; x < n[0]; x++) {
                    dst[o++] = src.get(row + x * s[0]);
                }
            }
        }
        return b.build();
    }

    private static Mask mask(Mask src, Plan plan) {
        Mask.Builder b = Mask.builder(plan.geometry);
        boolean[] dst = b.array();
        int[] n = plan.geometry.size();
        int[] s = plan.step;
        int o = 0;
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                int row = plan.start + y * s[1] + z * s[2];
                for (int x = 0; x < n[0]; x++) {
                    dst[o++] = src.get(row + x * s[0]);
                }
            }
        }
        return b.build();
    }

    private static LabelVolume labels(LabelVolume src, Plan plan) {
        LabelVolume.Builder b = LabelVolume.builder(plan.geometry);
        int[] dst = b.array();
        int[] n = plan.geometry.size();
        int[] s = plan.step;
        int o = 0;
        for (int z = 0; z < n[2]; z++) {
            for (int y = 0; y < n[1]; y++) {
                int row = plan.start + y * s[1] + z * s[2];
                for (int x = 0; x < n[0]; x++) {
                    dst[o++] = src.get(row + x * s[0]);
                }
            }
        }
        return b.build();
    }
}
