package dev.cairn.core;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Location;

/**
 * The settings of one track: its name, where its migrations are, its history table and lock
 * patience, and the policies its plans follow. Made and checked by
 * {@link CairnConfiguration.Builder}; several tracks (or tenants) share one {@link EngineSettings}.
 */
public final class TrackSettings {

	private final String name;

	private final List<Location> locations;

	private final String schema;

	private final String table;

	private final boolean createSchema;

	private final Duration lockTimeout;

	private final ValidationPolicy gapPolicy;

	private final ValidationPolicy driftPolicy;

	private final ValidationPolicy unknownPolicy;

	private final ValidationPolicy futurePolicy;

	private final RecoveryPolicy recoveryPolicy;

	private final boolean baselineOnMigrate;

	private final @Nullable Version baselineVersion;

	private final boolean takeover;

	private final String golangMigrateTable;

	private final String flywayTable;

	private final boolean enabled;

	private final List<String> after;

	private final @Nullable DataSource dataSource;

	private final LockWaitSettings lockWait;

	private final LintSettings lint;

	private final MigrationLayout layout;

	private final String gooseTable;

	private final String gormigrateTable;

	private final String prismaTable;

	private final Map<Location, MigrationLayout> layouts;

	private final List<JavaMigration> javaMigrations;

	private final Map<String, String> placeholders;

	// Built only by the checked builder: every value here passed its checks.
	TrackSettings(CairnConfiguration.Builder builder, List<Location> locations, Map<Location, MigrationLayout> layouts) {
		this.name = builder.track;
		this.locations = List.copyOf(locations);
		this.schema = builder.schema;
		this.table = builder.table;
		this.createSchema = builder.createSchema;
		this.lockTimeout = builder.lockTimeout;
		this.gapPolicy = builder.gapPolicy;
		this.driftPolicy = builder.driftPolicy;
		this.unknownPolicy = builder.unknownPolicy;
		this.futurePolicy = builder.futurePolicy;
		this.recoveryPolicy = builder.recoveryPolicy;
		this.baselineOnMigrate = builder.baselineOnMigrate;
		this.baselineVersion = builder.baselineVersion;
		this.takeover = builder.takeover;
		this.golangMigrateTable = builder.golangMigrateTable;
		this.flywayTable = builder.flywayTable;
		this.enabled = builder.enabled;
		this.after = List.copyOf(builder.after);
		this.dataSource = builder.trackDataSource;
		this.lockWait = builder.lockWait();
		this.lint = new LintSettings(builder.lintPolicies, builder.largeTableBytes);
		this.layout = builder.layout;
		this.gooseTable = builder.gooseTable;
		this.gormigrateTable = builder.gormigrateTable;
		this.prismaTable = builder.prismaTable;
		this.layouts = Map.copyOf(layouts);
		this.javaMigrations = List.copyOf(builder.javaMigrations);
		this.placeholders = Collections.unmodifiableMap(new TreeMap<>(builder.placeholders));
	}

	/** The track's name, used in logs, events and metrics. */
	public String name() {
		return this.name;
	}

	public List<Location> locations() {
		return this.locations;
	}

	public String schema() {
		return this.schema;
	}

	public String table() {
		return this.table;
	}

	/** The history table as written in SQL: always schema-qualified and quoted; the one place that quotes it. */
	public String qualifiedTable() {
		return quoted(this.schema) + "." + quoted(this.table);
	}

	/** A table next to the history table (another tool's), quoted the same way. */
	public String qualified(String table) {
		return quoted(this.schema) + "." + quoted(table);
	}

	// Names are plain identifiers (checked by the builder), so quoting never needs escaping.
	private static String quoted(String identifier) {
		return "\"" + identifier + "\"";
	}

	public boolean createSchema() {
		return this.createSchema;
	}

	public Duration lockTimeout() {
		return this.lockTimeout;
	}

	public ValidationPolicy gapPolicy() {
		return this.gapPolicy;
	}

	public ValidationPolicy driftPolicy() {
		return this.driftPolicy;
	}

	public ValidationPolicy unknownPolicy() {
		return this.unknownPolicy;
	}

	public ValidationPolicy futurePolicy() {
		return this.futurePolicy;
	}

	public RecoveryPolicy recoveryPolicy() {
		return this.recoveryPolicy;
	}

	public boolean baselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	public @Nullable Version baselineVersion() {
		return this.baselineVersion;
	}

	public boolean takeover() {
		return this.takeover;
	}

	public String golangMigrateTable() {
		return this.golangMigrateTable;
	}

	public String flywayTable() {
		return this.flywayTable;
	}

	/** Whether the track runs as part of a {@link TrackSet}. */
	public boolean enabled() {
		return this.enabled;
	}

	/** The tracks this one runs after in a {@link TrackSet}. */
	public List<String> after() {
		return this.after;
	}

	/** The track's own DataSource, or {@code null} to use the engine's. */
	public @Nullable DataSource dataSource() {
		return this.dataSource;
	}

	/** How migration statements wait for table locks, and how a migration that gave up is retried. */
	public LockWaitSettings lockWait() {
		return this.lockWait;
	}

	/** The linter's policies and what counts as a large table. */
	public LintSettings lint() {
		return this.lint;
	}

	/** The layout of every location not given one of its own; {@link MigrationLayout#AUTO} by default. */
	public MigrationLayout layout() {
		return this.layout;
	}

	/** The layouts given to single locations. */
	public Map<Location, MigrationLayout> layouts() {
		return this.layouts;
	}

	/** The layout a location's files are read with. */
	public MigrationLayout layoutOf(Location location) {
		return this.layouts.getOrDefault(location, this.layout);
	}

	public String gooseTable() {
		return this.gooseTable;
	}

	public String gormigrateTable() {
		return this.gormigrateTable;
	}

	public String prismaTable() {
		return this.prismaTable;
	}

	/** The Java migrations registered for this track, ordered with its SQL files by version. */
	public List<JavaMigration> javaMigrations() {
		return this.javaMigrations;
	}

	/** The values of {@code ${name}} placeholders in this track's SQL files, by name (built-ins not included). */
	public Map<String, String> placeholders() {
		return this.placeholders;
	}

}
