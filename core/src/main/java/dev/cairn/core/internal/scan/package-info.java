/**
 * Finding migration files in classpath and filesystem locations, parsing their names and
 * computing their checksums.
 */
@NullMarked
package dev.cairn.core.internal.scan;

import org.jspecify.annotations.NullMarked;
