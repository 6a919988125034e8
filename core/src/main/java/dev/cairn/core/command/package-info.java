/**
 * The command layer every shell shares ({@code cairn.command}, the endpoint's write
 * operations, the command line): one operation over the tracks in order, its argument checks,
 * exit codes, and the text and JSON reports. No Spring here: the shells only adapt.
 */
@NullMarked
package dev.cairn.core.command;

import org.jspecify.annotations.NullMarked;
