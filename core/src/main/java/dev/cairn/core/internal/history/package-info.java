/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.internal.history;

import org.jspecify.annotations.NullMarked;
