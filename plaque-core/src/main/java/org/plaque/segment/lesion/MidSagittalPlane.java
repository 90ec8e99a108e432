package org.plaque.segment.lesion;

import java.util.Objects;
import org.plaque.exec.ExecutionContext;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;
import org.plaque.image.Mask;
import org.plaque.image.ScalarVolume;

/**
 * The brain's left–right symmetry plane in world coordinates (RAS+ mm), {@code normal · p = offsetMm}, and
 * the reflection through it.
 *
 * <p>{@link #estimate} finds it from an image that is symmetric in the atlas (a tissue prior of a symmetric
 * atlas such as ICBM 2009a <i>sym</i>, warped to the subject): it minimises the mean squared difference
 * between the map and its own reflection over the region's voxels, starting from the plane normal to the
 * world x axis through the region's centroid, by a pattern search over the plane's two tilt angles and its
 * offset (steps 3° and 2 mm, halved down to 0.1° and 0.1 mm). This is the mid-sagittal-plane idea of
 * Liu, Collins &amp; Rothfus (2001, doi:10.1109/42.918469) applied to the prior instead of the image, so
 * lesions and asymmetric pathology do not bias it. A few thousand trilinear samples per evaluation: well
 * under a second on a 1 mm brain. Deterministic.
 *
 * @param normal   unit normal (points towards +x, i.e. the subject's right when the image is near RAS)
 * @param offsetMm signed distance of the plane from the world origin along the normal, mm
 */
public record MidSagittalPlane(double[] normal, double offsetMm) {
    private static final int TARGET_SAMPLES = 40_000;

    public MidSagittalPlane {
        Objects.requireNonNull(normal, "normal");
        double len = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
        if (normal.length != 3 || !(len > 0)) {
            throw new IllegalArgumentException("plane normal must be a non-zero 3-vector");
        }
        normal = new double[] {normal[0] / len, normal[1] / len, normal[2] / len};
    }

    @Override
    public double[] normal() {
        return normal.clone();
    }

    /** The reflection of world point {@code p} (mm) through the plane. */
    public double[] reflect(double[] p) {
        double s = 2 * (normal[0] * p[0] + normal[1] * p[1] + normal[2] * p[2] - offsetMm);
        return new double[] {p[0] - s * normal[0], p[1] - s * normal[1], p[2] - s * normal[2]};
    }

    /** Angle between the normal and the world x axis, degrees. */
    public double tiltDegrees() {
        return Math.toDegrees(Math.acos(Math.min(1, Math.abs(normal[0]))));
    }

    /**
     * For every voxel of {@code grid}, the linear index of the voxel nearest to its reflection, or −1 when
     * the reflection falls outside the grid.
     */
    public int[] mirrorIndices(ImageGeometry grid, ExecutionContext ctx) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        Affine v2w = grid.voxelToWorld();
        Affine w2v = grid.worldToVoxel();
        int[] out = new int[grid.voxelCount()];
        ctx.parallelFor(nz, (from, to) -> {
            double[] w = new double[3];
            double[] c = new double[3];
            for (int z = from; z < to; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        v2w.apply(x, y, z, w);
                        double[] m = reflect(w);
                        w2v.apply(m[0], m[1], m[2], c);
                        int ix = (int) Math.floor(c[0] + 0.5);
                        int iy = (int) Math.floor(c[1] + 0.5);
                        int iz = (int) Math.floor(c[2] + 0.5);
                        int i = x + nx * (y + ny * z);
                        out[i] = grid.contains(ix, iy, iz) ? ix + nx * (iy + ny * iz) : -1;
                    }
                }
            }
        });
        return out;
    }

    /**
     * Estimates the plane of symmetry of {@code map} over {@code region}.
     *
     * @param map    an image that is left–right symmetric up to the transform to be undone (e.g. a
     *               white-matter prior of a symmetric atlas)
     * @param region the voxels to compare (e.g. the brain mask); must be non-empty
     * @throws IllegalArgumentException when the region is empty or not on the map's grid
     */
    public static MidSagittalPlane estimate(ScalarVolume map, Mask region, ExecutionContext ctx) {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(region, "region");
        ImageGeometry g = map.geometry();
        if (region.count() == 0 || region.geometry().voxelCount() != g.voxelCount()) {
            throw new IllegalArgumentException("symmetry-plane region must be a non-empty mask on the map's grid");
        }
        int stride = Math.max(1, (int) Math.round(Math.cbrt(region.count() / (double) TARGET_SAMPLES)));
        int nx = g.nx();
        int ny = g.ny();
        int nz = g.nz();
        Affine v2w = g.voxelToWorld();
        int count = 0;
        for (int z = 0; z < nz; z += stride) {
            for (int y = 0; y < ny; y += stride) {
                for (int x = 0; x < nx; x += stride) {
                    if (region.get(x + nx * (y + ny * z))) {
                        count++;
                    }
                }
            }
        }
        double[][] pts = new double[count][];
        float[] vals = new float[count];
        double cx = 0;
        int k = 0;
        for (int z = 0; z < nz; z += stride) {
            for (int y = 0; y < ny; y += stride) {
                for (int x = 0; x < nx; x += stride) {
                    int i = x + nx * (y + ny * z);
                    if (region.get(i)) {
                        pts[k] = v2w.apply(x, y, z);
                        vals[k] = map.get(i);
                        cx += pts[k][0];
                        k++;
                    }
                }
            }
        }
        cx /= count;
        Sampler sampler = new Sampler(map);
        // parameters: u, v (normal = normalise(1, u, v)), d (offset)
        double[] p = {0, 0, cx};
        double[] step = {Math.tan(Math.toRadians(3)), Math.tan(Math.toRadians(3)), 2.0};
        double[] minStep = {Math.tan(Math.toRadians(0.1)), Math.tan(Math.toRadians(0.1)), 0.1};
        double best = cost(p, pts, vals, sampler);
        while (step[2] >= minStep[2] || step[0] >= minStep[0]) {
            ctx.checkCancelled();
            boolean improved = false;
            for (int dim = 0; dim < 3; dim++) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] q = p.clone();
                    q[dim] += sign * step[dim];
                    double c = cost(q, pts, vals, sampler);
                    if (c < best) {
                        best = c;
                        p = q;
                        improved = true;
                    }
                }
            }
            if (!improved) {
                for (int dim = 0; dim < 3; dim++) {
                    step[dim] /= 2;
                }
            }
        }
        return plane(p);
    }

    private static MidSagittalPlane plane(double[] p) {
        double len = Math.sqrt(1 + p[0] * p[0] + p[1] * p[1]);
        return new MidSagittalPlane(new double[] {1 / len, p[0] / len, p[1] / len}, p[2] / len);
    }

    private static double cost(double[] p, double[][] pts, float[] vals, Sampler sampler) {
        MidSagittalPlane plane = plane(p);
        double sum = 0;
        for (int k = 0; k < pts.length; k++) {
            double d = vals[k] - sampler.at(plane.reflect(pts[k]));
            sum += d * d;
        }
        return sum / pts.length;
    }

    /** Trilinear sampling of a volume at world points; 0 outside. */
    private static final class Sampler {
        private final ScalarVolume v;
        private final Affine w2v;
        private final int nx;
        private final int ny;
        private final int nz;
        private final double[] c = new double[3];

        Sampler(ScalarVolume v) {
            this.v = v;
            this.w2v = v.geometry().worldToVoxel();
            this.nx = v.geometry().nx();
            this.ny = v.geometry().ny();
            this.nz = v.geometry().nz();
        }

        double at(double[] w) {
            w2v.apply(w[0], w[1], w[2], c);
            int x0 = (int) Math.floor(c[0]);
            int y0 = (int) Math.floor(c[1]);
            int z0 = (int) Math.floor(c[2]);
            double fx = c[0] - x0;
            double fy = c[1] - y0;
            double fz = c[2] - z0;
            double s = 0;
            for (int dz = 0; dz <= 1; dz++) {
                int z = z0 + dz;
                if (z < 0 || z >= nz) {
                    continue;
                }
                double wz = dz == 0 ? 1 - fz : fz;
                for (int dy = 0; dy <= 1; dy++) {
                    int y = y0 + dy;
                    if (y < 0 || y >= ny) {
                        continue;
                    }
                    double wy = dy == 0 ? 1 - fy : fy;
                    for (int dx = 0; dx <= 1; dx++) {
                        int x = x0 + dx;
                        if (x < 0 || x >= nx) {
                            continue;
                        }
                        s += wz * wy * (dx == 0 ? 1 - fx : fx) * v.get(x + nx * (y + ny * z));
                    }
                }
            }
            return s;
        }
    }
}
