package org.plaque.pipeline.step;

import java.util.LinkedHashMap;
import java.util.Map;
import org.plaque.image.Connectivity;
import org.plaque.image.Mask;
import org.plaque.lesion.LesionTable;
import org.plaque.pipeline.Step;
import org.plaque.pipeline.StepContext;
import org.plaque.pipeline.Subject;
import org.plaque.pipeline.SubjectKeys;

/**
 * Numbers and measures the lesions of the lesion mask ({@link LesionTable}): connected components under
 * 6-connectivity by default (the MSSEG convention, {@link Connectivity#DEFAULT}), ids by decreasing volume.
 * Lesion load is the mask's voxel count × voxel volume (mm³), recorded with the count in the details.
 *
 * @see LesionTable
 */
public final class LesionTableStep implements Step {
    /** Registry name. */
    public static final String NAME = "lesion-table";

    private final Connectivity connectivity;
    private final double minVolumeMm3;

    /**
     * @param connectivity the lesion neighbourhood
     * @param minVolumeMm3 components of at most this volume are left out of the table (0 keeps all)
     */
    public LesionTableStep(Connectivity connectivity, double minVolumeMm3) {
        if (!(minVolumeMm3 >= 0) || !Double.isFinite(minVolumeMm3)) {
            throw new IllegalArgumentException("minimum lesion volume must be >= 0 mm³, got " + minVolumeMm3);
        }
        this.connectivity = connectivity;
        this.minVolumeMm3 = minVolumeMm3;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("connectivity", connectivityNumber(connectivity));
        p.put("min_volume_mm3", minVolumeMm3);
        return p;
    }

    @Override
    public Subject apply(Subject subject, StepContext ctx) {
        Mask mask = subject.require(SubjectKeys.LESION_MASK);
        LesionTable table = LesionTable.of(mask, connectivity, minVolumeMm3);
        ctx.detail("lesion_count", table.count());
        ctx.detail("lesion_load_mm3", table.totalVolumeMm3());
        return subject.with(SubjectKeys.LESIONS, table);
    }

    /** 6, 18 or 26. */
    static int connectivityNumber(Connectivity c) {
        return switch (c) {
            case SIX -> 6;
            case EIGHTEEN -> 18;
            case TWENTY_SIX -> 26;
        };
    }
}
