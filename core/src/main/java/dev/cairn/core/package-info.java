/**
 * Cairn's public API: the engine facade {@link dev.cairn.core.Cairn}, its configuration
 * ({@link dev.cairn.core.CairnConfiguration}, {@link dev.cairn.core.EngineSettings},
 * {@link dev.cairn.core.TrackSettings}), the reports of every {@link dev.cairn.core.Operation}
 * (one sealed {@link dev.cairn.core.OperationReport}), the exceptions, the listener and the
 * value types. {@code dev.cairn.core.command} is the command layer the starter, a CLI and a
 * Maven plugin share. Everything under {@code dev.cairn.core.internal} is the engine itself and
 * not API: it changes in any release.
 */
@NullMarked
package dev.cairn.core;

import org.jspecify.annotations.NullMarked;
