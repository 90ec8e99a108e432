package org.plaque.pipeline.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.plaque.image.ScalarVolume;
import org.plaque.pipeline.SubjectKey;
import org.plaque.pipeline.SubjectKeys;

/** The input channels steps can be told to process, by their parameter names. */
final class Channels {
    /** Parameter names of the channels, in processing order. */
    static final List<String> NAMES = List.of("flair", "t1", "t2");

    private Channels() {
    }

    static SubjectKey<ScalarVolume> key(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "flair" -> SubjectKeys.FLAIR;
            case "t1" -> SubjectKeys.T1;
            case "t2" -> SubjectKeys.T2;
            default -> throw new IllegalArgumentException("unknown channel '" + name + "'; channels: " + NAMES);
        };
    }

    /** The keys of {@code names}, checked. */
    static List<SubjectKey<ScalarVolume>> keys(List<String> names) {
        List<SubjectKey<ScalarVolume>> out = new ArrayList<>();
        for (String n : names) {
            out.add(key(n));
        }
        return out;
    }
}
