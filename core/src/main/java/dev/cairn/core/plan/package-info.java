/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.plan;

import org.jspecify.annotations.NullMarked;
