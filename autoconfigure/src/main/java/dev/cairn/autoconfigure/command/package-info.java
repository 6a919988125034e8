/**
 * Command mode: {@code cairn.command} runs one operation and exits with its exit code.
 */
@NullMarked
package dev.cairn.autoconfigure.command;

import org.jspecify.annotations.NullMarked;
