package org.plaque.cli;

import java.util.Locale;
import org.plaque.filter.smoothing.BilateralFilter;
import org.plaque.filter.smoothing.CurvatureAnisotropicDiffusion;
import org.plaque.filter.smoothing.Denoiser;
import org.plaque.filter.smoothing.GradientAnisotropicDiffusion;
import org.plaque.filter.smoothing.NonLocalMeans;

/** The denoisers the command line offers, by the names used in {@code --method} and in result tables. */
enum DenoiseMethod {
    ANISOTROPIC("anisotropic"),
    CURVATURE("curvature"),
    BILATERAL("bilateral"),
    NLM("nlm");

    private final String label;

    DenoiseMethod(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The method called {@code name} (case-insensitive). */
    static DenoiseMethod parse(String name) {
        for (DenoiseMethod m : values()) {
            if (m.label.equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (anisotropic, curvature, bilateral or nlm)");
    }

    /** The denoiser with its documented defaults. */
    Denoiser withDefaults() {
        return switch (this) {
            case ANISOTROPIC -> GradientAnisotropicDiffusion.withDefaults();
            case CURVATURE -> CurvatureAnisotropicDiffusion.withDefaults();
            case BILATERAL -> BilateralFilter.withDefaults();
            case NLM -> NonLocalMeans.withDefaults();
        };
    }

    /** Picocli converter, so that {@code --method} accepts any case and lists the choices on error. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<DenoiseMethod> {
        @Override
        public DenoiseMethod convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
