/**
 * The migration index a build puts into a jar ({@code <location>/.cairn-index}), read instead of
 * listing and hashing the jar's migration files, which cannot change after the build.
 */
@NullMarked
package dev.cairn.core.internal.index;

import org.jspecify.annotations.NullMarked;
