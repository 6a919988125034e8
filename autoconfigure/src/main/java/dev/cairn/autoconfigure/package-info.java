/**
 * Spring Boot auto-configuration for Cairn: properties, the start-up run (an
 * {@code ApplicationRunner} by default, or early during context refresh), the live run
 * state and the failure analysis.
 */
@NullMarked
package dev.cairn.autoconfigure;

import org.jspecify.annotations.NullMarked;
