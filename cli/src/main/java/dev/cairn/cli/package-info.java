/**
 * The standalone {@code cairn} command: {@link dev.cairn.cli.CairnCli} and one class per verb,
 * over the engine's command layer {@code dev.cairn.core.command}. See src/docs/cli.md.
 */
@NullMarked
package dev.cairn.cli;

import org.jspecify.annotations.NullMarked;
