/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.apply;

import org.jspecify.annotations.NullMarked;
