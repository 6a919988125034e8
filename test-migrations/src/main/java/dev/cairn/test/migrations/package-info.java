/**
 * Checks of a service's migrations that drive the engine against any {@code DataSource}:
 * {@link dev.cairn.test.migrations.MigrationChecks} (round trip, step by step, applied set
 * against the files) and {@link dev.cairn.test.migrations.UpgradeCheck} (a fresh install
 * against an upgrade from the previous release's migrations). Schemas are compared with
 * {@link dev.cairn.test.SchemaFingerprint}. Failures are {@link java.lang.AssertionError}s that
 * name the version and the step.
 */
package dev.cairn.test.migrations;
