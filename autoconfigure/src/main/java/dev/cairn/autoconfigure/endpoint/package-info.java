/**
 * The {@code migrations} Actuator endpoint.
 */
@NullMarked
package dev.cairn.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
