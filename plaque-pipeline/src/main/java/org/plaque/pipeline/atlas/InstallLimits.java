package org.plaque.pipeline.atlas;

/**
 * Bounds on what an atlas install may download and unpack, a defence against wrong URLs and hostile
 * archives (zip bombs, archives with millions of entries).
 *
 * @param maxDownloadBytes largest download accepted, in bytes
 * @param maxExtractedBytes largest total size of the files unpacked from an archive, in bytes (counted on
 *     the bytes actually inflated, not on the sizes the archive declares)
 * @param maxEntries largest number of entries an archive may hold
 */
public record InstallLimits(long maxDownloadBytes, long maxExtractedBytes, int maxEntries) {
    /**
     * 1 GiB download, 2 GiB unpacked, 10 000 entries: the ICBM 2009a NIfTI zip is about 60 MB and the
     * images Plaque unpacks from it about 175 MB.
     */
    public static final InstallLimits DEFAULT = new InstallLimits(1L << 30, 2L << 30, 10_000);

    /** Checks that every bound is positive. */
    public InstallLimits {
        if (maxDownloadBytes <= 0 || maxExtractedBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("install limits must be positive");
        }
    }
}
