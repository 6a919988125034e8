/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.internal.plan;

import org.jspecify.annotations.NullMarked;
