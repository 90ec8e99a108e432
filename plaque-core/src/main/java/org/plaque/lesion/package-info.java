/**
 * Lesions as measured objects: {@link org.plaque.lesion.LesionTable} turns a lesion mask into numbered
 * lesions (connected components above a minimum volume) with their voxel count, volume (mm³) and
 * centroid (world RAS+ mm). Plaque counts lesions with {@link org.plaque.image.Connectivity#DEFAULT}
 * (6-connectivity, the MSSEG convention) unless the caller chooses otherwise.
 */
package org.plaque.lesion;
