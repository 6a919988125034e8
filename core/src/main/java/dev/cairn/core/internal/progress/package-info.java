/**
 * Live progress of a running migration: every progress interval, how long it has run and, seen
 * from a connection of its own, which sessions hold the locks it waits for.
 */
@NullMarked
package dev.cairn.core.internal.progress;

import org.jspecify.annotations.NullMarked;
