package dev.cairn.core;

import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The settings every track of one engine shares: where connections come from, how long to wait
 * for a server that is not up yet, who history records as the installer, and who listens.
 * Made and checked by {@link CairnConfiguration.Builder}; a track or tenant reuses it as is.
 */
public final class EngineSettings {

	private final DataSource dataSource;

	private final ClassLoader classLoader;

	private final Duration connectTimeout;

	private final @Nullable String installedBy;

	private final List<MigrationListener> listeners;

	private final Duration progressInterval;

	private final JavaMigrationScope javaMigrationScope;

	EngineSettings(DataSource dataSource, ClassLoader classLoader, Duration connectTimeout,
			@Nullable String installedBy, List<MigrationListener> listeners, Duration progressInterval,
			JavaMigrationScope javaMigrationScope) {
		this.progressInterval = progressInterval;
		this.javaMigrationScope = javaMigrationScope;
		this.dataSource = dataSource;
		this.classLoader = classLoader;
		this.connectTimeout = connectTimeout;
		this.installedBy = installedBy;
		this.listeners = List.copyOf(listeners);
	}

	/** The database to migrate; one connection is taken from it per run. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/** The class loader classpath locations are read with. */
	public ClassLoader classLoader() {
		return this.classLoader;
	}

	/** How long to keep retrying while the database cannot be reached. */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/** Who is recorded in {@code applied_by}; {@code null} for the database user. */
	public @Nullable String installedBy() {
		return this.installedBy;
	}

	/** How often a migration that is still running is reported. */
	public Duration progressInterval() {
		return this.progressInterval;
	}

	/** Who receives the events of every run. */
	public List<MigrationListener> listeners() {
		return this.listeners;
	}

	/** What runs around every Java migration ({@link JavaMigrationScope#NONE} unless set). */
	public JavaMigrationScope javaMigrationScope() {
		return this.javaMigrationScope;
	}

}
