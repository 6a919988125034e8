/**
 * Internal to the engine; not a public API.
 */
@NullMarked
package dev.cairn.core.internal.lock;

import org.jspecify.annotations.NullMarked;
