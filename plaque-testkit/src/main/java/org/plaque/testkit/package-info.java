/**
 * Test support shared by every Plaque module: seeded synthetic head phantoms
 * ({@link org.plaque.testkit.phantom}) and volume assertions ({@link org.plaque.testkit.VolumeAssert}).
 */
package org.plaque.testkit;
