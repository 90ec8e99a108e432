/**
 * Geometry: affines, image grids in RAS+ millimetres, orientation codes and grid tolerances.
 */
package org.plaque.geom;
