/**
 * The {@code migrations} health component.
 */
@NullMarked
package dev.cairn.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
