/**
 * Tools over a migrations folder that need no database: reading the folder
 * ({@link dev.cairn.core.files.MigrationFolder}), the manifest format the Maven plugin writes,
 * {@code verify} checks and the runtime reads from jars ({@link dev.cairn.core.files.Manifest}),
 * and the checks of a folder against its manifest ({@link dev.cairn.core.files.ManifestCheck}).
 * The next migration's files are planned by {@link dev.cairn.core.Cairn#newMigration}.
 * <p>Public API for build tools; it reads names and checksums through the engine's scanner so a
 * tool and the runtime can never disagree on either.
 */
@NullMarked
package dev.cairn.core.files;

import org.jspecify.annotations.NullMarked;
