/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.internal.apply;

import org.jspecify.annotations.NullMarked;
