/**
 * The brain atlas Plaque registers to subjects: a folder holding a T1 template, white-matter, grey-matter
 * and CSF probability maps and a brain mask, all on one grid in MNI space ({@link
 * org.plaque.pipeline.atlas.AtlasImage}, {@link org.plaque.pipeline.atlas.AtlasLayout}), described by an
 * optional {@code atlas.json} ({@link org.plaque.pipeline.atlas.AtlasMetadata}).
 *
 * <p>{@link org.plaque.pipeline.atlas.Atlas#load} reads and validates such a folder; {@link
 * org.plaque.pipeline.atlas.AtlasInstaller} installs one into the user's cache from a folder, a zip archive
 * or a URL (Plaque's layout, or the ICBM 2009a nonlinear symmetric release as its publisher ships it: {@link
 * org.plaque.pipeline.atlas.Icbm2009aRelease}); {@link org.plaque.pipeline.atlas.AtlasLocator} finds the
 * installed atlas for commands. The layout and the install sources are documented in {@code docs/ATLAS.md}.
 */
package org.plaque.pipeline.atlas;
