/**
 * Spatial transforms of world points (RAS+ mm) used by registration, in ITK's fixed → moving convention.
 */
package org.plaque.registration.transform;
