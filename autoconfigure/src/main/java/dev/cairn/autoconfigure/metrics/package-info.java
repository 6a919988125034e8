/**
 * Micrometer meters and observations of Cairn's runs.
 */
@NullMarked
package dev.cairn.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
