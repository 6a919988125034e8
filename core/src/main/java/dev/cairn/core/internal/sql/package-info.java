/**
 * Reading migration scripts: splitting them into statements the way psql does, reading Cairn's
 * {@code -- cairn:} directives, and rejecting content that only psql understands.
 */
@NullMarked
package dev.cairn.core.internal.sql;

import org.jspecify.annotations.NullMarked;
