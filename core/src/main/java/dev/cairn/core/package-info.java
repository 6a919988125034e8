/**
 * Cairn's migration engine: {@link dev.cairn.core.Cairn} scans, validates, locks, plans and
 * applies versioned SQL migrations to PostgreSQL.
 */
@NullMarked
package dev.cairn.core;

import org.jspecify.annotations.NullMarked;
