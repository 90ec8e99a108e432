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
     * 1 GiB download, 2 GiB unpacked, 10 000 entries: generous for the ICBM 2009a NIfTI release, whose
     * five images Plaque unpacks are 197×233×189 voxels (≈ 35 MB each as uncompressed float32).
     */
    public static final InstallLimits DEFAULT = new InstallLimits(1L << 30, 2L << 30, 10_000);

    /** Checks that every bound is positive. */
    public InstallLimits {
        if (maxDownloadBytes <= 0 || maxExtractedBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("install limits must be positive");
        }
    }
}
