/**
 * Plaque's pipelines and the resources they need. So far: {@link org.plaque.pipeline.atlas}, the
 * probabilistic brain atlas (its folder layout, validation, installation into the user's cache and
 * lookup by commands).
 */
package org.plaque.pipeline;
