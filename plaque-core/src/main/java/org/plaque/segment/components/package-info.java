/**
 * Connected-component labelling of binary masks: {@link org.plaque.segment.components.ConnectedComponents}
 * gives each face-, edge- or corner-connected group of voxels (see {@link org.plaque.image.Connectivity})
 * its own label, numbered deterministically in raster order.
 */
package org.plaque.segment.components;
