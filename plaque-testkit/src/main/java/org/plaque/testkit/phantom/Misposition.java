package org.plaque.testkit.phantom;

import java.util.SplittableRandom;
import org.plaque.geom.Affine;

/**
 * The seeded pose of the subject's head relative to the atlas: scaling, then rotation about the cerebrum
 * centre, then translation. Each rotation is 2–6° and each translation 1–4 mm (left–right) or 2–8 mm
 * (the other axes), each scale factor differs from 1 by 1–5 %, all with random signs; the bounds keep the
 * head inside the 180 × 216 × 180 mm field of view.
 */
final class Misposition {
    private Misposition() {
    }

    /** The atlas-to-subject world affine (its inverse is the case's subjectToAtlas). */
    static Affine atlasToSubject(SplittableRandom rnd) {
        double rx = Math.toRadians(signed(rnd, 2, 6));
        double ry = Math.toRadians(signed(rnd, 2, 6));
        double rz = Math.toRadians(signed(rnd, 2, 6));
        double tx = signed(rnd, 1, 4);
        double ty = signed(rnd, 2, 8);
        double tz = signed(rnd, 2, 8);
        double sx = 1 + signed(rnd, 0.01, 0.05);
        double sy = 1 + signed(rnd, 0.01, 0.05);
        double sz = 1 + signed(rnd, 0.01, 0.05);
        Affine rot = rotationZ(rz).multiply(rotationY(ry)).multiply(rotationX(rx));
        Affine centre = Affine.translation(HeadAnatomy.HULL_X, HeadAnatomy.HULL_Y, HeadAnatomy.HULL_Z);
        Affine back = Affine.translation(-HeadAnatomy.HULL_X, -HeadAnatomy.HULL_Y, -HeadAnatomy.HULL_Z);
        return Affine.translation(tx, ty, tz).multiply(centre).multiply(rot).multiply(Affine.scaling(sx, sy, sz))
            .multiply(back);
    }

    private static double signed(SplittableRandom rnd, double lo, double hi) {
        double v = lo + (hi - lo) * rnd.nextDouble();
        return rnd.nextBoolean() ? v : -v;
    }

    private static Affine rotationX(double a) {
        double c = StrictMath.cos(a);
        double s = StrictMath.sin(a);
        return Affine.ofRowMajor(1, 0, 0, 0, 0, c, -s, 0, 0, s, c, 0);
    }

    private static Affine rotationY(double a) {
        double c = StrictMath.cos(a);
        double s = StrictMath.sin(a);
        return Affine.ofRowMajor(c, 0, s, 0, 0, 1, 0, 0, -s, 0, c, 0);
    }

    private static Affine rotationZ(double a) {
        double c = StrictMath.cos(a);
        double s = StrictMath.sin(a);
        return Affine.ofRowMajor(c, -s, 0, 0, s, c, 0, 0, 0, 0, 1, 0);
    }
}
