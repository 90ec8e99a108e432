package org.plaque.testkit.phantom;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.plaque.InvalidInputException;
import org.plaque.geom.Affine;
import org.plaque.geom.ImageGeometry;

/**
 * Places lesions by seeded rejection sampling: a candidate ellipsoid is drawn where its site says, moved into
 * subject space, and kept only if the lesion-free anatomy around it fits the site, it rasterises to a single
 * 6-connected blob of a countable size, and its truth voxels stay {@value #CLEARANCE_MM} mm (at least two
 * voxels) clear of the lesions placed before. Beyond the first one per site, a lesion whose site is full
 * moves to another site; when no site has room, placement fails.
 */
final class LesionPlacer {
    /** Candidates tried per lesion before giving up. */
    static final int MAX_ATTEMPTS = 20_000;
    /** Radius (mm) of the ball around a lesion centre that must be white matter. */
    static final double CENTRE_BALL_MM = 2.0;
    /** Gap required between the truth masks of two lesions, mm (at least two voxels). */
    static final double CLEARANCE_MM = 4.5;
    /** Sites tried, in order, for a lesion whose own site has no room left. */
    private static final LesionSite[] FALLBACK = {LesionSite.DEEP_WHITE_MATTER, LesionSite.PERIVENTRICULAR,
        LesionSite.JUXTACORTICAL, LesionSite.INFRATENTORIAL};
    private static final double[][] INTERIOR = interiorLattice();
    private static final double[][] DIRECTIONS = shellDirections();

    private final HeadAnatomy anatomy;
    private final Affine atlasToSubject;
    private final Affine subjectToAtlas;
    private final ImageGeometry grid;
    private final double spacingMm;
    private final double minSemiMm;
    private final int minVoxels;
    private final SplittableRandom rnd;
    /** Truth voxels of the lesions placed so far. */
    private final boolean[] occupied;
    /** Shapes of the lesions placed so far. */
    private final List<LesionShape> placed = new ArrayList<>();
    private final int clearanceVoxels;

    /** A placed lesion: its shape and its raster on the subject grid. */
    record Placed(LesionShape shape, LesionRaster raster) {
    }

    LesionPlacer(HeadAnatomy anatomy, Affine atlasToSubject, ImageGeometry grid, double spacingMm,
                 SplittableRandom rnd) {
        this.anatomy = anatomy;
        this.atlasToSubject = atlasToSubject;
        this.subjectToAtlas = atlasToSubject.inverse();
        this.grid = grid;
        this.spacingMm = spacingMm;
        // Thinner lesions would break into voxel-diagonal pieces or vanish at this spacing.
        this.minSemiMm = Math.max(1.5, 0.8 * spacingMm);
        // At least 8 mm³ and two voxels: well above the 3 mm³ minimum lesion size of the MSSEG evaluation.
        this.minVoxels = (int) Math.max(2, Math.ceil(8 / grid.voxelVolumeMm3()));
        this.rnd = rnd;
        this.occupied = new boolean[grid.voxelCount()];
        this.clearanceVoxels = (int) Math.max(2, Math.ceil(CLEARANCE_MM / spacingMm - 1e-9));
    }

    /** The site of each lesion: one of each first (when there are at least four), then by MS frequency. */
    static List<LesionSite> sites(int count, SplittableRandom rnd) {
        List<LesionSite> out = new ArrayList<>(count);
        LesionSite[] all = LesionSite.values();
        for (int i = 0; i < count; i++) {
            if (count >= all.length && i < all.length) {
                out.add(all[i]);
                continue;
            }
            double u = rnd.nextDouble();
            out.add(u < 0.35 ? LesionSite.PERIVENTRICULAR
                : u < 0.55 ? LesionSite.JUXTACORTICAL
                : u < 0.85 ? LesionSite.DEEP_WHITE_MATTER
                : LesionSite.INFRATENTORIAL);
        }
        return out;
    }

    List<Placed> place(int count) {
        List<LesionSite> sites = sites(count, rnd);
        List<Placed> result = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            LesionSite site = sites.get(n);
            double strength = rnd.nextDouble();
            Placed found = tryPlace(site, strength);
            // A lesion beyond the one-per-site minimum may move to another site when its own is full (small
            // regions such as the infratentorial white matter fill up on coarse grids).
            boolean mandatory = count >= LesionSite.values().length && n < LesionSite.values().length;
            for (int alt = 0; found == null && !mandatory && alt < FALLBACK.length; alt++) {
                if (FALLBACK[alt] != site) {
                    found = tryPlace(FALLBACK[alt], strength);
                }
            }
            if (found == null) {
                throw new InvalidInputException("phantom: could not place lesion " + (n + 1) + " of " + count
                    + " (" + site + ") at " + spacingMm + " mm spacing; use fewer lesions or a finer spacing");
            }
            result.add(found);
            markOccupied(found.raster());
        }
        return result;
    }

    private Placed tryPlace(LesionSite site, double strength) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            LesionShape cand = candidate(site, strength);
            if (cand == null || !roughlySeparated(cand) || !fitsSite(cand)) {
                continue;
            }
            LesionRaster raster = LesionRaster.of(cand, grid);
            if (raster.voxels >= minVoxels && raster.components == 1 && clearOfOthers(raster)) {
                placed.add(cand);
                return new Placed(cand, raster);
            }
        }
        return null;
    }

    private LesionShape candidate(LesionSite site, double strength) {
        return switch (site) {
            case PERIVENTRICULAR -> periventricular(strength);
            case JUXTACORTICAL -> juxtacortical(strength);
            case DEEP_WHITE_MATTER -> deep(strength);
            case INFRATENTORIAL -> infratentorial(strength);
        };
    }

    /** On the superolateral wall of a lateral ventricle, long axis along the wall normal. */
    private LesionShape periventricular(double strength) {
        int side = rnd.nextBoolean() ? 1 : -1;
        Tube v = anatomy.lateralVentricle(side);
        int seg = 1 + rnd.nextInt(4);
        double[] f = v.frame(seg, 0.1 + 0.8 * rnd.nextDouble());
        double theta = Math.toRadians(-20 + 130 * rnd.nextDouble());
        double cos = StrictMath.cos(theta);
        double sin = StrictMath.sin(theta);
        double[] lat = {side * f[6], side * f[7], side * f[8]};
        double[] up = {f[9], f[10], f[11]};
        double rl = f[12];
        double rv = f[13];
        double[] n = new double[3];
        double[] wall = new double[3];
        for (int d = 0; d < 3; d++) {
            wall[d] = f[d] + rl * cos * lat[d] + rv * sin * up[d];
            n[d] = cos / rl * lat[d] + sin / rv * up[d];
        }
        normalise(n);
        double a1 = Math.max(minSemiMm, 2.5 + 4 * rnd.nextDouble());
        double a2 = Math.max(minSemiMm, a1 * (0.35 + 0.25 * rnd.nextDouble()));
        double a3 = Math.max(minSemiMm, a1 * (0.35 + 0.25 * rnd.nextDouble()));
        double[] centre = new double[3];
        for (int d = 0; d < 3; d++) {
            centre[d] = wall[d] + n[d] * 0.8 * a1;
        }
        double[][] axes = frameAround(n, new double[] {f[3], f[4], f[5]});
        return toSubject(LesionSite.PERIVENTRICULAR, centre, axes, new double[] {a1, a2, a3}, strength);
    }

    /** In white matter under the cortex, moved along the cortex normal until it touches the grey matter. */
    private LesionShape juxtacortical(double strength) {
        double[] u = SulcalField.randomUnit(rnd);
        if (u[2] < -0.2) {
            return null;
        }
        double rho = 0.80 + 0.14 * rnd.nextDouble();
        double[] p = {HeadAnatomy.HULL_X + rho * HeadAnatomy.HULL_A * u[0],
            HeadAnatomy.HULL_Y + rho * HeadAnatomy.HULL_B * u[1], HeadAnatomy.HULL_Z + rho * HeadAnatomy.HULL_C * u[2]};
        if (anatomy.label(p[0], p[1], p[2]) != Tissue.WM) {
            return null;
        }
        double dp = anatomy.pialDistance(p[0], p[1], p[2]);
        double h = 0.5;
        double[] g = {
            anatomy.pialDistance(p[0] + h, p[1], p[2]) - anatomy.pialDistance(p[0] - h, p[1], p[2]),
            anatomy.pialDistance(p[0], p[1] + h, p[2]) - anatomy.pialDistance(p[0], p[1] - h, p[2]),
            anatomy.pialDistance(p[0], p[1], p[2] + h) - anatomy.pialDistance(p[0], p[1], p[2] - h)};
        double gn = Math.sqrt(g[0] * g[0] + g[1] * g[1] + g[2] * g[2]) / (2 * h);
        if (gn < 0.3 || dp > 14) {
            return null;
        }
        double[] out = {-g[0], -g[1], -g[2]};
        normalise(out);
        double an = Math.max(minSemiMm, 2.3 + 1.2 * rnd.nextDouble());
        double at1 = Math.max(minSemiMm, 2.5 + 3 * rnd.nextDouble());
        double at2 = Math.max(minSemiMm, 2.5 + 3 * rnd.nextDouble());
        double shift = dp - HeadAnatomy.CORTEX_MM - 0.9 * an;
        double[] centre = {p[0] + out[0] * shift, p[1] + out[1] * shift, p[2] + out[2] * shift};
        double[][] axes = frameAround(out, SulcalField.randomUnit(rnd));
        return toSubject(LesionSite.JUXTACORTICAL, centre, axes, new double[] {an, at1, at2}, strength);
    }

    private LesionShape deep(double strength) {
        double[] u = SulcalField.randomUnit(rnd);
        double rho = 0.2 + 0.55 * rnd.nextDouble();
        double[] centre = {HeadAnatomy.HULL_X + rho * HeadAnatomy.HULL_A * u[0],
            HeadAnatomy.HULL_Y + rho * HeadAnatomy.HULL_B * u[1], HeadAnatomy.HULL_Z + rho * HeadAnatomy.HULL_C * u[2]};
        double a1 = Math.max(minSemiMm, 2 + 4.5 * rnd.nextDouble());
        double a2 = Math.max(minSemiMm, a1 * (0.45 + 0.55 * rnd.nextDouble()));
        double a3 = Math.max(minSemiMm, a1 * (0.45 + 0.55 * rnd.nextDouble()));
        double[][] axes = frameAround(SulcalField.randomUnit(rnd), SulcalField.randomUnit(rnd));
        return toSubject(LesionSite.DEEP_WHITE_MATTER, centre, axes, new double[] {a1, a2, a3}, strength);
    }

    /** In the cerebellar white matter (middle cerebellar peduncle region) or the pons. */
    private LesionShape infratentorial(double strength) {
        double[] centre;
        if (rnd.nextDouble() < 0.55) {
            int side = rnd.nextBoolean() ? 1 : -1;
            double[] b = ball();
            centre = new double[] {side * 16 + 8 * b[0], -58 + 10 * b[1], -33 + 5 * b[2]};
        } else {
            centre = new double[] {-6 + 12 * rnd.nextDouble(), -29 + 8 * rnd.nextDouble(), -36 + 18 * rnd.nextDouble()};
        }
        double a1 = Math.max(minSemiMm, 1.5 + 2.5 * rnd.nextDouble());
        double a2 = Math.max(minSemiMm, a1 * (0.6 + 0.4 * rnd.nextDouble()));
        double a3 = Math.max(minSemiMm, a1 * (0.6 + 0.4 * rnd.nextDouble()));
        double[][] axes = frameAround(SulcalField.randomUnit(rnd), SulcalField.randomUnit(rnd));
        return toSubject(LesionSite.INFRATENTORIAL, centre, axes, new double[] {a1, a2, a3}, strength);
    }

    private double[] ball() {
        while (true) {
            double x = 2 * rnd.nextDouble() - 1;
            double y = 2 * rnd.nextDouble() - 1;
            double z = 2 * rnd.nextDouble() - 1;
            if (x * x + y * y + z * z <= 1) {
                return new double[] {x, y, z};
            }
        }
    }

    /** An orthonormal frame whose first axis is {@code a} and second lies in the plane of a and b. */
    private static double[][] frameAround(double[] a, double[] b) {
        double[] e0 = a.clone();
        normalise(e0);
        double dot = b[0] * e0[0] + b[1] * e0[1] + b[2] * e0[2];
        double[] e1 = {b[0] - dot * e0[0], b[1] - dot * e0[1], b[2] - dot * e0[2]};
        if (Math.sqrt(e1[0] * e1[0] + e1[1] * e1[1] + e1[2] * e1[2]) < 1e-6) {
            e1 = Math.abs(e0[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
            dot = e1[0] * e0[0] + e1[1] * e0[1] + e1[2] * e0[2];
            for (int d = 0; d < 3; d++) {
                e1[d] -= dot * e0[d];
            }
        }
        normalise(e1);
        double[] e2 = cross(e0, e1);
        return new double[][] {e0, e1, e2};
    }

    /** Maps an atlas-space candidate into subject space (directions through the affine's linear part). */
    private LesionShape toSubject(LesionSite site, double[] centreAtlas, double[][] axesAtlas, double[] semi,
                                  double strength) {
        double[] c = atlasToSubject.apply(centreAtlas[0], centreAtlas[1], centreAtlas[2]);
        double[][] lin = atlasToSubject.linear();
        double[][] mapped = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 3; r++) {
                mapped[i][r] = lin[r][0] * axesAtlas[i][0] + lin[r][1] * axesAtlas[i][1] + lin[r][2] * axesAtlas[i][2];
            }
        }
        // A slight scaling makes the mapped directions a little non-orthogonal: re-orthonormalise.
        double[][] axes = frameAround(mapped[0], mapped[1]);
        return new LesionShape(site, c, axes, semi, strength);
    }

    /** A cheap necessary condition for clearance: the centres are further apart than the minor semi-axes. */
    private boolean roughlySeparated(LesionShape s) {
        for (LesionShape o : placed) {
            double dx = s.cx - o.cx;
            double dy = s.cy - o.cy;
            double dz = s.cz - o.cz;
            double min = minSemi(s) + minSemi(o) + clearanceVoxels * spacingMm;
            if (dx * dx + dy * dy + dz * dz < min * min) {
                return false;
            }
        }
        return true;
    }

    private static double minSemi(LesionShape s) {
        return Math.min(s.semi[0], Math.min(s.semi[1], s.semi[2]));
    }

    /**
     * Whether no truth voxel of the raster comes within the clearance (in voxels, 26-neighbourhood steps) of
     * another lesion's truth voxels, so the masks never touch and soft edges barely meet.
     */
    private boolean clearOfOthers(LesionRaster r) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        int c = clearanceVoxels;
        int b = 0;
        for (int k = 0; k < r.nk; k++) {
            for (int j = 0; j < r.nj; j++) {
                for (int i = 0; i < r.ni; i++, b++) {
                    if (!LesionRaster.inMask(r.inside[b])) {
                        continue;
                    }
                    int x = r.i0 + i;
                    int y = r.j0 + j;
                    int z = r.k0 + k;
                    for (int zz = Math.max(0, z - c); zz <= Math.min(nz - 1, z + c); zz++) {
                        for (int yy = Math.max(0, y - c); yy <= Math.min(ny - 1, y + c); yy++) {
                            int row = nx * (yy + ny * zz);
                            for (int xx = Math.max(0, x - c); xx <= Math.min(nx - 1, x + c); xx++) {
                                if (occupied[row + xx]) {
                                    return false;
                                }
                            }
                        }
                    }
                }
            }
        }
        return true;
    }

    private void markOccupied(LesionRaster r) {
        int b = 0;
        for (int k = 0; k < r.nk; k++) {
            for (int j = 0; j < r.nj; j++) {
                for (int i = 0; i < r.ni; i++, b++) {
                    if (LesionRaster.inMask(r.inside[b])) {
                        occupied[grid.index(r.i0 + i, r.j0 + j, r.k0 + k)] = true;
                    }
                }
            }
        }
    }

    private byte atlasLabel(double[] subjectPoint) {
        double[] a = subjectToAtlas.apply(subjectPoint[0], subjectPoint[1], subjectPoint[2]);
        return anatomy.label(a[0], a[1], a[2]);
    }

    /** Whether the lesion-free anatomy in and around the candidate matches its site. */
    boolean fitsSite(LesionShape s) {
        double[] p = new double[3];
        byte centreLabel = atlasLabel(new double[] {s.cx, s.cy, s.cz});
        boolean infra = s.site == LesionSite.INFRATENTORIAL;
        if (infra ? !(centreLabel == Tissue.CB_WM || centreLabel == Tissue.BRAINSTEM) : centreLabel != Tissue.WM) {
            return false;
        }
        // A white-matter ball around the centre, so the voxel nearest the centre is mostly white matter.
        for (double[] d : DIRECTIONS) {
            p[0] = s.cx + CENTRE_BALL_MM * d[0];
            p[1] = s.cy + CENTRE_BALL_MM * d[1];
            p[2] = s.cz + CENTRE_BALL_MM * d[2];
            if (!Tissue.isWhiteMatter(atlasLabel(p))) {
                return false;
            }
        }
        int n = INTERIOR.length;
        int wm = 0;
        int ventricle = 0;
        int gm = 0;
        int cbGm = 0;
        int other = 0;
        for (double[] u : INTERIOR) {
            s.point(u[0], u[1], u[2], 0, p);
            byte l = atlasLabel(p);
            if (infra ? (l == Tissue.CB_WM || l == Tissue.BRAINSTEM) : l == Tissue.WM) {
                wm++;
            } else if (l == Tissue.VENTRICLE) {
                ventricle++;
            } else if (l == Tissue.GM) {
                gm++;
            } else if (l == Tissue.CB_GM) {
                cbGm++;
            } else {
                other++;
            }
        }
        return switch (s.site) {
            case PERIVENTRICULAR -> wm >= 0.75 * n && ventricle <= 0.15 * n && gm + cbGm + other <= 0.1 * n
                && surfaceTouches(s, 0.6, Tissue.VENTRICLE);
            case JUXTACORTICAL -> wm >= 0.7 * n && ventricle + cbGm + other == 0
                && surfaceTouches(s, 1.0, Tissue.GM) && surfaceAvoidsCsf(s, 1.0);
            case DEEP_WHITE_MATTER -> wm == n && surfaceAllWhite(s, 2.5);
            case INFRATENTORIAL -> wm >= 0.8 * n && ventricle + gm + other == 0;
        };
    }

    private boolean surfaceTouches(LesionShape s, double growMm, byte label) {
        double[] p = new double[3];
        for (double[] d : DIRECTIONS) {
            s.point(d[0], d[1], d[2], growMm, p);
            if (atlasLabel(p) == label) {
                return true;
            }
        }
        return false;
    }

    private boolean surfaceAvoidsCsf(LesionShape s, double growMm) {
        double[] p = new double[3];
        for (double[] d : DIRECTIONS) {
            s.point(d[0], d[1], d[2], growMm, p);
            if (Tissue.isCsf(atlasLabel(p))) {
                return false;
            }
        }
        return true;
    }

    private boolean surfaceAllWhite(LesionShape s, double growMm) {
        double[] p = new double[3];
        for (double[] d : DIRECTIONS) {
            s.point(d[0], d[1], d[2], growMm, p);
            if (atlasLabel(p) != Tissue.WM) {
                return false;
            }
        }
        return true;
    }

    /** Points of a 0.3-step lattice inside the ball of radius 0.95. */
    private static double[][] interiorLattice() {
        List<double[]> pts = new ArrayList<>();
        for (int k = -3; k <= 3; k++) {
            for (int j = -3; j <= 3; j++) {
                for (int i = -3; i <= 3; i++) {
                    double x = 0.3 * i;
                    double y = 0.3 * j;
                    double z = 0.3 * k;
                    if (x * x + y * y + z * z <= 0.95 * 0.95) {
                        pts.add(new double[] {x, y, z});
                    }
                }
            }
        }
        return pts.toArray(new double[0][]);
    }

    /** The 98 directions through the surface of a 5 × 5 × 5 cube, normalised. */
    private static double[][] shellDirections() {
        List<double[]> dirs = new ArrayList<>();
        for (int k = -2; k <= 2; k++) {
            for (int j = -2; j <= 2; j++) {
                for (int i = -2; i <= 2; i++) {
                    if (Math.max(Math.abs(i), Math.max(Math.abs(j), Math.abs(k))) == 2) {
                        double[] d = {i, j, k};
                        normalise(d);
                        dirs.add(d);
                    }
                }
            }
        }
        return dirs.toArray(new double[0][]);
    }

    static void normalise(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        v[0] /= n;
        v[1] /= n;
        v[2] /= n;
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
