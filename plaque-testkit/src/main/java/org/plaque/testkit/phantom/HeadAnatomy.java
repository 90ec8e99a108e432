package org.plaque.testkit.phantom;

import java.util.SplittableRandom;

/**
 * The analytic head in atlas world space (RAS+ mm, origin near the anterior commissure as in MNI space):
 * {@link #label} says which {@link Tissue} fills any point.
 *
 * <p>Layout, inside out: lateral ventricles (curved tubes with frontal, occipital and temporal horns), third
 * and fourth ventricles; thalami, caudate heads and lentiform nuclei; cerebral white matter; a cortical grey
 * ribbon {@value #CORTEX_MM} mm thick that lines the brain outline, the interhemispheric fissure and seeded
 * sulci; a cerebellum (white-matter core, folded cortex) and a brainstem running into the spinal cord;
 * {@value #SUBARACHNOID_MM} mm of CSF; skull (inner table, diploë, outer table); scalp; neck muscle.
 * Dimensions follow an adult brain in MNI space (cerebrum ≈ 128 × 164 × 116 mm).
 *
 * <p>Thread-safe and immutable after construction.
 */
final class HeadAnatomy {
    // Cerebrum outline (pial hull): an ellipsoid.
    static final double HULL_X = 0;
    static final double HULL_Y = -18;
    static final double HULL_Z = 16;
    static final double HULL_A = 64;
    static final double HULL_B = 82;
    static final double HULL_C = 58;
    // Cerebellum.
    static final double CB_X = 0;
    static final double CB_Y = -62;
    static final double CB_Z = -35;
    static final double CB_A = 48;
    static final double CB_B = 27;
    static final double CB_C = 22;

    /** Cortical thickness, mm (2.5–3 mm in adults). */
    static final double CORTEX_MM = 2.8;
    static final double MIN_SULCAL_DEPTH_MM = 10;
    static final double MAX_SULCAL_DEPTH_MM = 20;
    static final double SUBARACHNOID_MM = 2.5;
    static final double INNER_TABLE_MM = 1.5;
    static final double DIPLOE_MM = 2.5;
    static final double OUTER_TABLE_MM = 1.5;
    static final double SCALP_MM = 6.0;
    /** CSF between the cerebrum and the cerebellum (tentorium). */
    static final double TENTORIUM_GAP_MM = 3.0;
    /** CSF between the brainstem and the cerebellum (fourth ventricle floor, cerebellopontine cistern). */
    static final double BRAINSTEM_GAP_MM = 2.0;
    static final double FISSURE_HALF_WIDTH_MM = 1.2;
    /** Height of the interhemispheric fissure floor (top of the corpus callosum, with cingulate cortex). */
    static final double FISSURE_FLOOR_Z = 36;
    static final double CORD_TOP_Z = -60;
    private static final double SKULL_MM = INNER_TABLE_MM + DIPLOE_MM + OUTER_TABLE_MM;
    private static final double SULCAL_SHELL_MM = MAX_SULCAL_DEPTH_MM + CORTEX_MM + 0.5;
    private static final double BS_MARGIN_MM = SUBARACHNOID_MM + SKULL_MM + SCALP_MM + 2;
    private static final double FOLIA_PERIOD_MM = 3.2;
    private static final double FOLIA_DEPTH_MM = 9;

    /** Right lateral ventricle centre line: frontal tip, frontal horn, body, atrium, occipital horn. */
    private static final double[][] RIGHT_VENTRICLE = {
        {6.0, 28, 10, 3.0, 4.0},
        {8.5, 18, 15, 5.5, 7.0},
        {9.0, 0, 20, 6.0, 6.5},
        {11.5, -20, 22, 6.0, 5.5},
        {19.0, -38, 16, 7.5, 7.0},
        {23.0, -56, 8, 4.5, 4.5},
        {24.0, -70, 4, 2.2, 2.2}};
    /** Right temporal horn, from the atrium forwards and down. */
    private static final double[][] RIGHT_TEMPORAL_HORN = {
        {19.0, -38, 16, 5.0, 5.0},
        {27.0, -30, 2, 4.0, 4.0},
        {31.0, -12, -14, 3.5, 3.0},
        {31.0, -2, -22, 2.2, 2.2}};
    private static final double[][] BRAINSTEM_LINE = {
        {0, -17, -4, 9.8, 8.5},
        {0, -22, -15, 12.0, 10.5},
        {0, -25, -28, 14.0, 12.5},
        {0, -30, -42, 11.5, 10.0},
        {0, -37, -55, 8.5, 7.5},
        {0, -42, -64, 6.5, 6.0},
        {0, -45, -80, 6.0, 5.5},
        {0, -47, -110, 6.0, 5.5}};
    private static final double[][] RIGHT_PEDUNCLE = {
        {16, -56, -32, 5.0, 5.0},
        {9, -34, -27, 4.5, 4.5}};

    private final SulcalField sulci;
    private final Tube rightVentricle = new Tube(RIGHT_VENTRICLE);
    private final Tube leftVentricle = new Tube(Tube.mirrored(RIGHT_VENTRICLE));
    private final Tube rightTemporal = new Tube(RIGHT_TEMPORAL_HORN);
    private final Tube leftTemporal = new Tube(Tube.mirrored(RIGHT_TEMPORAL_HORN));
    private final Tube brainstem = new Tube(BRAINSTEM_LINE);
    private final Tube rightPeduncle = new Tube(RIGHT_PEDUNCLE);
    private final Tube leftPeduncle = new Tube(Tube.mirrored(RIGHT_PEDUNCLE));

    /** @param folding the random stream that fixes the sulcal pattern */
    HeadAnatomy(SplittableRandom folding) {
        this.sulci = new SulcalField(folding, MIN_SULCAL_DEPTH_MM, MAX_SULCAL_DEPTH_MM);
    }

    /** The tube of the right (side &gt; 0) or left lateral ventricle body and horns, without temporal horn. */
    Tube lateralVentricle(int side) {
        return side > 0 ? rightVentricle : leftVentricle;
    }

    /** The tissue at atlas point (x, y, z). */
    byte label(double x, double y, double z) {
        double sdHull = hull(x, y, z);
        double sdCb = Shapes.ellipsoid(x - CB_X, y - CB_Y, z - CB_Z, CB_A, CB_B, CB_C);
        // Beyond BS_MARGIN_MM the brainstem cannot change any label (skull and scalp are thinner than that).
        double sdBs = brainstem.outsideBox(x, y, z, BS_MARGIN_MM) ? BS_MARGIN_MM : brainstem.sdf(x, y, z, BS_MARGIN_MM);
        double sdIc = Math.min(sdHull, Math.min(sdCb, sdBs)) - SUBARACHNOID_MM;
        if (sdIc > 0) {
            return extracranial(x, y, z, sdIc, Math.min(outline(x, y, z), Math.min(sdCb, sdBs)) - SUBARACHNOID_MM);
        }
        if (inVentricle(x, y, z)) {
            return Tissue.VENTRICLE;
        }
        if (inDeepGreyMatter(x, y, z)) {
            return Tissue.DEEP_GM;
        }
        if (sdBs < 0) {
            return z < CORD_TOP_Z ? Tissue.CORD : Tissue.BRAINSTEM;
        }
        if (sdCb < 0) {
            return cerebellum(x, y, z, sdCb, sdBs);
        }
        if (sdHull < 0) {
            return cerebrum(x, y, z, sdHull, sdCb);
        }
        return Tissue.CSF_EXT;
    }

    /**
     * Skull, scalp, neck or air outside the intracranial space; {@code sdOuter} is the distance to the
     * intracranial space without the basal notch, which sets the outer head surface.
     */
    private byte extracranial(double x, double y, double z, double sdIc, double sdOuter) {
        if (sdIc <= INNER_TABLE_MM) {
            return Tissue.BONE;
        }
        if (notch(x, y, z) < 0 && z > -60 && outline(x, y, z) < 0) {
            // The central skull base fills the notch: bone and air sinuses, dark on every contrast.
            return Tissue.BONE;
        }
        if (sdIc <= INNER_TABLE_MM + DIPLOE_MM) {
            return Tissue.MARROW;
        }
        if (sdIc <= SKULL_MM || sdOuter <= SKULL_MM) {
            return Tissue.BONE;
        }
        double sdHead = Math.min(sdOuter - SKULL_MM - SCALP_MM, neck(x, y, z));
        if (sdHead > 0) {
            return Tissue.AIR;
        }
        return sdHead > -SCALP_MM ? Tissue.SCALP : Tissue.MUSCLE;
    }

    /** The neck: an elliptic cylinder below the skull base. */
    private static double neck(double x, double y, double z) {
        double side = Shapes.ellipsoid(x, y + 32, 0, 54, 50, 1);
        return Math.max(side, z + 28);
    }

    private boolean inVentricle(double x, double y, double z) {
        if (x > -36 && x < 36 && y > -76 && y < 36 && z > -28 && z < 32) {
            Tube main = x >= 0 ? rightVentricle : leftVentricle;
            Tube temporal = x >= 0 ? rightTemporal : leftTemporal;
            if (!main.outsideBox(x, y, z, 0) && main.radius(x, y, z) < 1) {
                return true;
            }
            if (!temporal.outsideBox(x, y, z, 0) && temporal.radius(x, y, z) < 1) {
                return true;
            }
            // Third ventricle: a thin midline slit between the thalami.
            if (Shapes.ellipsoidRadius2(x, y + 12, z - 2, 2.2, 13, 9) < 1) {
                return true;
            }
        }
        // Fourth ventricle, between the pons and the vermis.
        return Shapes.ellipsoidRadius2(x, y + 44, z + 31, 6, 4.5, 8) < 1;
    }

    private static boolean inDeepGreyMatter(double x, double y, double z) {
        double ax = Math.abs(x);
        if (ax > 32 || y < -34 || y > 24 || z < -10 || z > 19) {
            return false;
        }
        return Shapes.ellipsoidRadius2(ax - 11, y + 18, z - 6, 8, 14, 8.5) < 1       // thalamus
            || Shapes.ellipsoidRadius2(ax - 13.5, y - 15, z - 11, 4.5, 8, 7) < 1     // caudate head
            || Shapes.ellipsoidRadius2(ax - 25, y - 2, z, 5.5, 14, 8) < 1;           // lentiform nucleus
    }

    private byte cerebellum(double x, double y, double z, double sdCb, double sdBs) {
        if (sdBs < BRAINSTEM_GAP_MM) {
            return Tissue.CSF_SULCAL;
        }
        double ax = Math.abs(x);
        Tube peduncle = x >= 0 ? rightPeduncle : leftPeduncle;
        if (Shapes.ellipsoidRadius2(ax - 16, y + 58, z + 33, 11, 13, 8) < 1
            || (!peduncle.outsideBox(x, y, z, 0) && peduncle.radius(x, y, z) < 1)) {
            return Tissue.CB_WM;
        }
        double depth = -sdCb;
        if (depth > 0.6 && depth < FOLIA_DEPTH_MM) {
            // Folia: thin CSF leaves parallel to the surface, wobbling so they are not perfect shells.
            double phase = depth / FOLIA_PERIOD_MM + 0.35 * FastTrig.sin(0.21 * x + 0.13 * y + 0.05 * z);
            if (phase - Math.floor(phase) < 0.2) {
                return Tissue.CSF_SULCAL;
            }
        }
        return Tissue.CB_GM;
    }

    private byte cerebrum(double x, double y, double z, double sdHull, double sdCb) {
        double sdGap = sdCb - TENTORIUM_GAP_MM;
        if (sdGap < 0) {
            return Tissue.CSF_EXT;
        }
        double sdFissure = fissure(x, y, z);
        if (sdFissure < 0) {
            return Tissue.CSF_SULCAL;
        }
        double pial = Math.min(-sdHull, Math.min(sdGap, sdFissure));
        // Sulci run in from the convexity; their depth is measured from the outline without the basal notch.
        double depth = -outline(x, y, z);
        if (depth < SULCAL_SHELL_MM) {
            double sdSulcus = sulcus(x, y, z, depth);
            if (sdSulcus < 0) {
                return Tissue.CSF_SULCAL;
            }
            pial = Math.min(pial, sdSulcus);
        }
        return pial < CORTEX_MM ? Tissue.GM : Tissue.WM;
    }

    /** Signed distance to the sulcal CSF: a radial sheet narrowing from 2.2 mm at the surface to its fundus. */
    private double sulcus(double x, double y, double z, double depth) {
        double px = x - HULL_X;
        double py = y - HULL_Y;
        double pz = z - HULL_Z;
        double maxDepth = sulci.depthMm(px, py, pz);
        double halfWidth = 1.1 - 0.5 * Shapes.clamp(depth / maxDepth, 0, 1);
        return Math.max(sulci.sheetDistance(px, py, pz) - halfWidth, depth - maxDepth);
    }

    /** The interhemispheric fissure: down to the corpus callosum in the middle, all the way at the poles. */
    private static double fissure(double x, double y, double z) {
        double yc = Shapes.clamp(y, -42, 28);
        double floor = FISSURE_FLOOR_Z - 2.5 * Math.abs(y - yc);
        return Math.max(Math.abs(x) - FISSURE_HALF_WIDTH_MM, floor - z);
    }

    /**
     * The cerebrum outline: an ellipsoid whose lower half is flatter towards the front (the frontal lobes
     * rest on the orbits, higher than the temporal lobes), with a notch below z = −10 mm between the
     * temporal lobes where the central skull base (sella, clivus) and the brainstem are.
     */
    static double hull(double x, double y, double z) {
        return Math.max(outline(x, y, z), -notch(x, y, z));
    }

    /** The cerebrum outline without the basal notch. */
    static double outline(double x, double y, double z) {
        double c = z >= HULL_Z ? HULL_C : HULL_C - 20 * Shapes.clamp((y + 10) / 74, 0, 1);
        return Shapes.ellipsoid(x - HULL_X, y - HULL_Y, z - HULL_Z, HULL_A, HULL_B, c);
    }

    private static double notch(double x, double y, double z) {
        return Math.max(Math.abs(x) - 16, Math.max(z + 10, -52 - y));
    }

    /**
     * Approximate distance (mm) from a cerebral point to the nearest CSF that the cortex lines (outline,
     * fissure, sulci, tentorium); the grey/white boundary is where it equals {@link #CORTEX_MM}.
     */
    double pialDistance(double x, double y, double z) {
        double sdCb = Shapes.ellipsoid(x - CB_X, y - CB_Y, z - CB_Z, CB_A, CB_B, CB_C);
        double pial = Math.min(-hull(x, y, z), Math.min(sdCb - TENTORIUM_GAP_MM, fissure(x, y, z)));
        double depth = -outline(x, y, z);
        if (depth < SULCAL_SHELL_MM + 10) {
            pial = Math.min(pial, sulcus(x, y, z, depth));
        }
        return pial;
    }
}
