package org.plaque.pipeline.atlas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ICBM 2009a nonlinear symmetric atlas (MNI ICBM152, 1 mm, 197×233×189) as its publisher, the McConnell
 * Brain Imaging Centre (McGill University), ships it, and the file names by which the installer recognises
 * it.
 *
 * <p>Recognised names (in one folder; {@code .nii} or {@code .nii.gz}):
 * <ul>
 *   <li>T1: {@code mni_icbm152_t1_tal_nlin_sym_09a.nii}</li>
 *   <li>GM, WM, CSF: {@code mni_icbm152_gm_tal_nlin_sym_09a.nii}, {@code …_wm_…}, {@code …_csf_…}</li>
 *   <li>brain mask: {@code mni_icbm152_t1_tal_nlin_sym_09a_mask.nii}</li>
 * </ul>
 * Each may also come as nilearn's 8-bit re-encoding with {@code _converted} before the extension; when both
 * forms of an image are present the publisher's float map is installed, since the 8-bit one has lost
 * precision (|Δp| ≤ 1/510). The release's other files (T2, PD, eye and face masks…) are not installed.
 *
 * <p><b>Download.</b> {@link #DEFAULT_URL} is the publisher's NIfTI zip, the URL nilearn documents as the
 * original one. The publisher gives no checksum for it, so {@link #DEFAULT_URL_SHA256} is empty: a
 * download without {@code --sha256} is verified by validating the installed images ({@link Atlas#load}:
 * five files, one grid, probabilities in [0, 1], a binary mask), and the archive's SHA-256 is recorded in
 * {@code atlas.json} so that later installs can be pinned to it.
 *
 * <p>Licence: the MNI/McGill permissive notice (free use, copying, modification and distribution, provided
 * the copyright notice appears in all copies). The installer copies the source's own licence file when it
 * has one and otherwise writes the notice ({@link #noticeText()}) as {@code LICENSE.txt}.
 */
public final class Icbm2009aRelease {
    /** Name of the installed atlas, also the default atlas commands look for. */
    public static final String NAME = "mni_icbm152_nlin_sym_09a";
    /** Version recorded in {@code atlas.json}. */
    public static final String VERSION = "ICBM 2009a nonlinear symmetric";
    /** Coordinate space recorded in {@code atlas.json}. */
    public static final String SPACE = "MNI ICBM152 2009a nonlinear symmetric, 1 mm, RAS+ mm";
    /** {@link #DEFAULT_URL} as text (a constant, for annotations and documentation). */
    public static final String DEFAULT_URL_TEXT =
        "https://www.bic.mni.mcgill.ca/~vfonov/icbm/2009/mni_icbm152_nlin_sym_09a_nifti.zip";
    /** The publisher's download of the release's NIfTI files (a zip archive). */
    public static final URI DEFAULT_URL = URI.create(DEFAULT_URL_TEXT);
    /** The publisher's page about the release. */
    public static final String HOMEPAGE = "https://www.bic.mni.mcgill.ca/ServicesAtlases/ICBM152NLin2009";
    /** SHA-256 of {@link #DEFAULT_URL}: none is published, so none is built in (see the class comment). */
    public static final Optional<String> DEFAULT_URL_SHA256 = Optional.empty();
    /** One-line licence summary recorded in {@code atlas.json}. */
    public static final String LICENSE = "MNI/McGill notice: free to use, copy, modify and distribute provided"
        + " the copyright notice appears in all copies (see the licence file)";
    /** The references the publisher asks users to cite. */
    public static final List<String> CITATIONS = List.of(
        "V.S. Fonov, A.C. Evans, R.C. McKinstry, C.R. Almli, D.L. Collins. Unbiased nonlinear average"
            + " age-appropriate brain templates from birth to adulthood. NeuroImage 47 Suppl 1 (2009) S102."
            + " doi:10.1016/S1053-8119(09)70884-5",
        "V.S. Fonov, A.C. Evans, K. Botteron, C.R. Almli, R.C. McKinstry, D.L. Collins and BDCG. Unbiased"
            + " average age-appropriate atlases for pediatric studies. NeuroImage 54(1) (2011) 313-327."
            + " doi:10.1016/j.neuroimage.2010.07.033",
        "D.L. Collins, A.P. Zijdenbos, W.F.C. Baare, A.C. Evans. ANIMAL+INSECT: Improved Cortical Structure"
            + " Segmentation. IPMI 1999, LNCS 1613, 210-223.");

    /** Group 1: tissue or t1; group 2: "_mask"; group 3: "_converted". */
    private static final Pattern FILE = Pattern.compile(
        "mni_icbm152_(t1|gm|wm|csf)_tal_nlin_sym_09a(_mask)?(_converted)?\\.nii(?:\\.gz)?");

    private Icbm2009aRelease() {
    }

    /** Whether {@code fileName} is one of the release's files that the installer uses. */
    static boolean isReleaseFile(String fileName) {
        return imageOf(fileName) != null;
    }

    /** The atlas image a release file provides, or null. */
    static AtlasImage imageOf(String fileName) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        boolean mask = m.group(2) != null;
        return switch (m.group(1)) {
            case "t1" -> mask ? AtlasImage.BRAIN_MASK : AtlasImage.T1;
            case "gm" -> mask ? null : AtlasImage.GM;
            case "wm" -> mask ? null : AtlasImage.WM;
            case "csf" -> mask ? null : AtlasImage.CSF;
            default -> null;
        };
    }

    private static boolean isConverted(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() && m.group(3) != null;
    }

    /**
     * Picks, among release files of one folder, the file for each atlas image: the publisher's map over
     * nilearn's {@code _converted} one, then {@code .nii.gz} over {@code .nii}, then the first name in
     * alphabetical order (so the choice is deterministic).
     *
     * @param files files of one folder (other names are ignored)
     * @return the chosen file per image; images without a file are absent
     */
    static Map<AtlasImage, Path> choose(List<Path> files) {
        Map<AtlasImage, Path> chosen = new EnumMap<>(AtlasImage.class);
        for (Path f : files) {
            String name = f.getFileName().toString();
            AtlasImage image = imageOf(name);
            if (image != null && (!chosen.containsKey(image) || better(name, chosen.get(image).getFileName().toString()))) {
                chosen.put(image, f);
            }
        }
        return chosen;
    }

    private static boolean better(String a, String b) {
        if (isConverted(a) != isConverted(b)) {
            return !isConverted(a);
        }
        if (a.endsWith(".gz") != b.endsWith(".gz")) {
            return a.endsWith(".gz");
        }
        return a.compareTo(b) < 0;
    }

    /** The file names that would provide {@code image}, for messages. */
    static String expectedNames(AtlasImage image) {
        String base = switch (image) {
            case T1 -> "mni_icbm152_t1_tal_nlin_sym_09a";
            case GM -> "mni_icbm152_gm_tal_nlin_sym_09a";
            case WM -> "mni_icbm152_wm_tal_nlin_sym_09a";
            case CSF -> "mni_icbm152_csf_tal_nlin_sym_09a";
            case BRAIN_MASK -> "mni_icbm152_t1_tal_nlin_sym_09a_mask";
        };
        return base + ".nii[.gz] or " + base + "_converted.nii[.gz]";
    }

    /** The licence notice and citations written as {@code LICENSE.txt} when the source has no licence file. */
    public static String noticeText() {
        try (InputStream in = Icbm2009aRelease.class.getResourceAsStream("icbm-2009-notice.txt")) {
            if (in == null) {
                throw new IllegalStateException("the ICBM notice resource is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
