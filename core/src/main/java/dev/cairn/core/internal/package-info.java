/**
 * The engine behind the {@code dev.cairn.core} API; nothing here is API, and any of it may
 * change in any release. One package per concern, with no cycles between them:
 * {@code engine} runs operations on a track (the run algorithm is told in {@code Track}),
 * {@code migration} is what a migration is and how locations become migrations, {@code scan}
 * reads files, {@code sql} splits SQL, {@code plan} compares migrations with history,
 * {@code apply} runs migrations, {@code history} reads and writes the history table and takes
 * over other tools' tables, {@code lock} is the advisory lock.
 */
@NullMarked
package dev.cairn.core.internal;

import org.jspecify.annotations.NullMarked;
