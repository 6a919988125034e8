/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.history;

import org.jspecify.annotations.NullMarked;
