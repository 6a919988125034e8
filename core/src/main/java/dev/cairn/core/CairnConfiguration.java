package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Location;

/**
 * Immutable settings of one track of an engine, made by {@link #builder()}: the
 * {@link EngineSettings} every track shares and the {@link TrackSettings} of this one. Every
 * value is checked when {@link Builder#build()} runs, so a bad setting fails before the
 * database is touched.
 */
public final class CairnConfiguration {

	/** Where migrations are looked for unless told otherwise. */
	public static final String DEFAULT_LOCATION = "classpath:db/migrations";

	/** The track name unless told otherwise. */
	public static final String DEFAULT_TRACK = "default";

	/** The schema of the history table unless told otherwise. */
	public static final String DEFAULT_SCHEMA = "public";

	/** The history table name unless told otherwise. */
	public static final String DEFAULT_TABLE = "cairn_history";

	/** How long to wait for another instance's lock unless told otherwise. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

	/** How long to keep trying to connect while the database is unreachable, unless told otherwise. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

	/** How often a running migration is reported (log line, listener event), unless told otherwise. */
	public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(30);

	/** Waiting longer than this for a lock is a configuration mistake, not patience. */
	static final Duration MAX_LOCK_TIMEOUT = Duration.ofHours(24);

	public static final ValidationPolicy DEFAULT_GAP_POLICY = ValidationPolicy.WARN;

	public static final ValidationPolicy DEFAULT_DRIFT_POLICY = ValidationPolicy.FAIL;

	public static final ValidationPolicy DEFAULT_UNKNOWN_POLICY = ValidationPolicy.FAIL;

	public static final ValidationPolicy DEFAULT_FUTURE_POLICY = ValidationPolicy.WARN;

	public static final RecoveryPolicy DEFAULT_RECOVERY_POLICY = RecoveryPolicy.FAIL;

	/** golang-migrate's history table, taken over when Cairn's history is empty. */
	public static final String DEFAULT_GOLANG_MIGRATE_TABLE = "schema_migrations";

	/** Flyway's history table, taken over when Cairn's history is empty. */
	public static final String DEFAULT_FLYWAY_TABLE = "flyway_schema_history";

	/** goose's history table, taken over when Cairn's history is empty. */
	public static final String DEFAULT_GOOSE_TABLE = "goose_db_version";

	/** gormigrate's history table, taken over when Cairn's history is empty. */
	public static final String DEFAULT_GORMIGRATE_TABLE = "migrations";

	/** Prisma Migrate's history table, taken over when Cairn's history is empty. */
	public static final String DEFAULT_PRISMA_TABLE = "_prisma_migrations";

	// PostgreSQL identifiers are at most 63 bytes; only plain names are accepted so they never need escaping.
	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

	private static final Pattern TRACK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

	private final EngineSettings engine;

	private final TrackSettings trackSettings;

	private CairnConfiguration(EngineSettings engine, TrackSettings trackSettings) {
		this.engine = engine;
		this.trackSettings = trackSettings;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * One track of an engine: tracks and tenants share the engine's settings and differ in
	 * their own.
	 */
	public static CairnConfiguration of(EngineSettings engine, TrackSettings track) {
		return new CairnConfiguration(engine, track);
	}

	/** The settings every track of this engine shares. */
	public EngineSettings engine() {
		return this.engine;
	}

	/** The settings of this configuration's track. */
	public TrackSettings trackSettings() {
		return this.trackSettings;
	}

	/** A builder starting from this configuration's values. */
	public Builder toBuilder() {
		TrackSettings track = this.trackSettings;
		Builder builder = new Builder().dataSource(this.engine.dataSource())
			.classLoader(this.engine.classLoader())
			.connectTimeout(this.engine.connectTimeout())
			.progressInterval(this.engine.progressInterval())
			.installedBy(this.engine.installedBy())
			.listeners(this.engine.listeners())
			.javaMigrationScope(this.engine.javaMigrationScope())
			.track(track.name())
			.schema(track.schema())
			.table(track.table())
			.createSchema(track.createSchema())
			.lockTimeout(track.lockTimeout())
			.gapPolicy(track.gapPolicy())
			.driftPolicy(track.driftPolicy())
			.unknownPolicy(track.unknownPolicy())
			.futurePolicy(track.futurePolicy())
			.recoveryPolicy(track.recoveryPolicy())
			.baselineOnMigrate(track.baselineOnMigrate())
			.baselineVersion(track.baselineVersion())
			.takeover(track.takeover())
			.golangMigrateTable(track.golangMigrateTable())
			.flywayTable(track.flywayTable())
			.enabled(track.enabled())
			.after(track.after())
			.lockWait(track.lockWait())
			.lintPolicies(track.lint().policies())
			.largeTableSize(track.lint().largeTableBytes())
			.layout(track.layout())
			.gooseTable(track.gooseTable())
			.gormigrateTable(track.gormigrateTable())
			.prismaTable(track.prismaTable())
			.javaMigrations(track.javaMigrations())
			.placeholders(track.placeholders());
		builder.trackDataSource = track.dataSource();
		track.layouts().forEach((location, layout) -> builder.layout(location.toString(), layout));
		builder.locations = track.locations().stream().map(Location::toString).toList();
		return builder;
	}

	// Engine-wide settings, as the engine's parts read them.

	/** The track's own DataSource when it has one (another role or database), else the engine's. */
	public DataSource dataSource() {
		DataSource own = this.trackSettings.dataSource();
		return (own != null) ? own : this.engine.dataSource();
	}

	public ClassLoader classLoader() {
		return this.engine.classLoader();
	}

	public Duration connectTimeout() {
		return this.engine.connectTimeout();
	}

	public @Nullable String installedBy() {
		return this.engine.installedBy();
	}

	public Duration progressInterval() {
		return this.engine.progressInterval();
	}

	public List<MigrationListener> listeners() {
		return this.engine.listeners();
	}

	// The track's settings.

	public String track() {
		return this.trackSettings.name();
	}

	public List<Location> locations() {
		return this.trackSettings.locations();
	}

	public String schema() {
		return this.trackSettings.schema();
	}

	public String table() {
		return this.trackSettings.table();
	}

	/** The history table as written in SQL: always schema-qualified and quoted. */
	public String qualifiedTable() {
		return this.trackSettings.qualifiedTable();
	}

	public boolean createSchema() {
		return this.trackSettings.createSchema();
	}

	public Duration lockTimeout() {
		return this.trackSettings.lockTimeout();
	}

	public ValidationPolicy gapPolicy() {
		return this.trackSettings.gapPolicy();
	}

	public ValidationPolicy driftPolicy() {
		return this.trackSettings.driftPolicy();
	}

	public ValidationPolicy unknownPolicy() {
		return this.trackSettings.unknownPolicy();
	}

	public ValidationPolicy futurePolicy() {
		return this.trackSettings.futurePolicy();
	}

	public RecoveryPolicy recoveryPolicy() {
		return this.trackSettings.recoveryPolicy();
	}

	public boolean baselineOnMigrate() {
		return this.trackSettings.baselineOnMigrate();
	}

	public @Nullable Version baselineVersion() {
		return this.trackSettings.baselineVersion();
	}

	public boolean takeover() {
		return this.trackSettings.takeover();
	}

	public String golangMigrateTable() {
		return this.trackSettings.golangMigrateTable();
	}

	public String flywayTable() {
		return this.trackSettings.flywayTable();
	}

	public LockWaitSettings lockWait() {
		return this.trackSettings.lockWait();
	}

	public LintSettings lint() {
		return this.trackSettings.lint();
	}

	public MigrationLayout layout() {
		return this.trackSettings.layout();
	}

	public String gooseTable() {
		return this.trackSettings.gooseTable();
	}

	public String gormigrateTable() {
		return this.trackSettings.gormigrateTable();
	}

	public String prismaTable() {
		return this.trackSettings.prismaTable();
	}

	public Map<Location, MigrationLayout> layouts() {
		return this.trackSettings.layouts();
	}

	public List<JavaMigration> javaMigrations() {
		return this.trackSettings.javaMigrations();
	}

	/** The values of {@code ${name}} placeholders, by name (built-ins not included). */
	public Map<String, String> placeholders() {
		return this.trackSettings.placeholders();
	}

	/**
	 * Collects settings; {@link #build()} checks them all and reports every mistake at once.
	 */
	public static final class Builder {

		@Nullable DataSource dataSource;

		String track = DEFAULT_TRACK;

		List<String> locations = List.of(DEFAULT_LOCATION);

		@Nullable ClassLoader classLoader;

		String schema = DEFAULT_SCHEMA;

		String table = DEFAULT_TABLE;

		boolean createSchema = true;

		Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

		Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

		ValidationPolicy gapPolicy = DEFAULT_GAP_POLICY;

		ValidationPolicy driftPolicy = DEFAULT_DRIFT_POLICY;

		ValidationPolicy unknownPolicy = DEFAULT_UNKNOWN_POLICY;

		ValidationPolicy futurePolicy = DEFAULT_FUTURE_POLICY;

		@Nullable String installedBy;

		RecoveryPolicy recoveryPolicy = DEFAULT_RECOVERY_POLICY;

		boolean baselineOnMigrate;

		@Nullable Version baselineVersion;

		boolean takeover = true;

		String golangMigrateTable = DEFAULT_GOLANG_MIGRATE_TABLE;

		String flywayTable = DEFAULT_FLYWAY_TABLE;

		boolean enabled = true;

		List<String> after = List.of();

		@Nullable DataSource trackDataSource;

		MigrationLayout layout = MigrationLayout.AUTO;

		String gooseTable = DEFAULT_GOOSE_TABLE;

		String gormigrateTable = DEFAULT_GORMIGRATE_TABLE;

		String prismaTable = DEFAULT_PRISMA_TABLE;

		private final Map<String, MigrationLayout> locationLayouts = new LinkedHashMap<>();

		private final List<MigrationListener> listeners = new ArrayList<>();

		@Nullable Duration statementLockTimeout = LockWaitSettings.DEFAULT_LOCK_TIMEOUT;

		@Nullable Duration statementTimeout;

		int lockRetryAttempts = LockWaitSettings.DEFAULT_MAX_ATTEMPTS;

		@Nullable Duration lockRetryBackoff = LockWaitSettings.DEFAULT_BACKOFF;

		final java.util.Map<LintRule, LintPolicy> lintPolicies = new java.util.EnumMap<>(LintRule.class);

		private final List<String> unknownLintRules = new ArrayList<>();

		long largeTableBytes = LintSettings.DEFAULT_LARGE_TABLE_BYTES;

		final List<JavaMigration> javaMigrations = new ArrayList<>();

		JavaMigrationScope javaMigrationScope = JavaMigrationScope.NONE;

		final Map<String, String> placeholders = new java.util.LinkedHashMap<>();

		private Builder() {
		}

		/** The database to migrate. Cairn takes one connection from it for a whole run. */
		public Builder dataSource(DataSource dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		/** The track's name, used in logs, events and metrics. */
		public Builder track(String track) {
			this.track = track;
			return this;
		}

		/**
		 * Where migrations live: {@code classpath:db/migrations} (also inside jars) or
		 * {@code filesystem:/srv/migrations}; a location without prefix is a classpath one.
		 */
		public Builder locations(String... locations) {
			return locations(List.of(locations));
		}

		public Builder locations(List<String> locations) {
			this.locations = List.copyOf(locations);
			return this;
		}

		/** The class loader classpath locations are read with. */
		public Builder classLoader(@Nullable ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/** The schema of the history table; created if missing and {@link #createSchema} is on. */
		public Builder schema(String schema) {
			this.schema = schema;
			return this;
		}

		/** The name of the history table. */
		public Builder table(String table) {
			this.table = table;
			return this;
		}

		/** Whether to create the history table's schema when it does not exist. */
		public Builder createSchema(boolean createSchema) {
			this.createSchema = createSchema;
			return this;
		}

		/** How long to wait for another instance holding the lock; zero tries once. */
		public Builder lockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * How long to keep retrying, with backoff, while the database cannot be reached (it is
		 * starting, or not up yet); zero tries once. Wrong credentials are never retried.
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * How often a migration that is still running is reported: a log line and a
		 * {@link MigrationListener.MigrationRunning} event with the elapsed time and the sessions
		 * it waits for, if any.
		 */
		public Builder progressInterval(Duration progressInterval) {
			this.progressInterval = progressInterval;
			return this;
		}

		/** What to do with a pending version lower than the highest applied one. */
		public Builder gapPolicy(ValidationPolicy policy) {
			this.gapPolicy = policy;
			return this;
		}

		/** What to do when an applied migration's file changed. */
		public Builder driftPolicy(ValidationPolicy policy) {
			this.driftPolicy = policy;
			return this;
		}

		/** What to do with an applied version missing on disk below the highest version on disk. */
		public Builder unknownPolicy(ValidationPolicy policy) {
			this.unknownPolicy = policy;
			return this;
		}

		/** What to do with an applied version missing on disk above the highest on disk. */
		public Builder futurePolicy(ValidationPolicy policy) {
			this.futurePolicy = policy;
			return this;
		}

		/** Who is recorded in {@code applied_by}; by default the database user. */
		public Builder installedBy(@Nullable String installedBy) {
			this.installedBy = installedBy;
			return this;
		}

		/** What to do with a non-transactional migration a crashed run left in progress. */
		public Builder recoveryPolicy(RecoveryPolicy policy) {
			this.recoveryPolicy = policy;
			return this;
		}

		/**
		 * Whether a migrate run on a database that has tables but no history first records the
		 * migrations up to {@link #baselineVersion} as applied without running them.
		 */
		public Builder baselineOnMigrate(boolean baselineOnMigrate) {
			this.baselineOnMigrate = baselineOnMigrate;
			return this;
		}

		/** The version {@link #baselineOnMigrate} records migrations up to. */
		public Builder baselineVersion(@Nullable Version baselineVersion) {
			this.baselineVersion = baselineVersion;
			return this;
		}

		/**
		 * Whether an empty history takes over another tool's history when found: golang-migrate,
		 * Flyway, goose, dbmate (or Rails), gormigrate or Prisma Migrate.
		 */
		public Builder takeover(boolean takeover) {
			this.takeover = takeover;
			return this;
		}

		/** The name of golang-migrate's table, in the history table's schema. */
		public Builder golangMigrateTable(String table) {
			this.golangMigrateTable = table;
			return this;
		}

		/** The name of Flyway's history table, in the history table's schema. */
		public Builder flywayTable(String table) {
			this.flywayTable = table;
			return this;
		}

		/**
		 * Whether the track runs as part of a {@link TrackSet}; a disabled track is reported as
		 * disabled, never silently absent.
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * The track's Java migrations, replacing any given before: registered explicitly (there is
		 * no classpath scanning), ordered with the SQL files by version, checked with them.
		 */
		public Builder javaMigrations(List<? extends JavaMigration> migrations) {
			this.javaMigrations.clear();
			this.javaMigrations.addAll(migrations);
			return this;
		}

		/**
		 * The {@code lock_timeout} every migration statement runs with (default 5 seconds): how long
		 * it may queue for a table lock, and so how long the application's queries on that table
		 * may queue behind it. Zero waits forever. See {@link LockWaitSettings}.
		 */
		public Builder statementLockTimeout(@Nullable Duration timeout) {
			this.statementLockTimeout = timeout;
			return this;
		}

		/** The {@code statement_timeout} every migration statement runs with; null or zero (the default) for none. */
		public Builder statementTimeout(@Nullable Duration timeout) {
			this.statementTimeout = timeout;
			return this;
		}

		/** How often a migration is tried in all when a statement times out on a lock (default 5; 1 = never again). */
		public Builder lockRetryAttempts(int attempts) {
			this.lockRetryAttempts = attempts;
			return this;
		}

		/** The pause before the second attempt (default 2 seconds), doubled for each further one up to a minute. */
		public Builder lockRetryBackoff(@Nullable Duration backoff) {
			this.lockRetryBackoff = backoff;
			return this;
		}

		/** What a linter rule's findings do (every rule warns unless set). */
		public Builder lintPolicy(LintRule rule, LintPolicy policy) {
			this.lintPolicies.put(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(policy, "policy"));
			return this;
		}

		/** What a linter rule's findings do, the rule named by its id ({@code create-index-blocking}). */
		public Builder lintPolicy(String rule, LintPolicy policy) {
			LintRule.byId(rule).ifPresentOrElse((known) -> lintPolicy(known, policy),
					() -> this.unknownLintRules.add(rule));
			return this;
		}

		/** Every rule's policy at once; rules not in the map warn. */
		public Builder lintPolicies(java.util.Map<LintRule, LintPolicy> policies) {
			this.lintPolicies.clear();
			this.lintPolicies.putAll(policies);
			return this;
		}

		/**
		 * The tracks this one runs after in a {@link TrackSet} (its tables reference theirs):
		 * each must exist and be enabled whenever this one is.
		 */
		public Builder after(String... tracks) {
			return after(List.of(tracks));
		}

		public Builder after(List<String> tracks) {
			this.after = List.copyOf(tracks);
			return this;
		}

		/**
		 * A DataSource of this track's own, for a track whose DDL needs another role or
		 * database; {@code null} uses the engine's.
		 */
		public Builder trackDataSource(@Nullable DataSource dataSource) {
			this.trackDataSource = dataSource;
			return this;
		}

		/**
		 * From what total size (heap, indexes, TOAST) a table counts as large: when connected, the
		 * rules that use the catalog report only large tables, and the dry run flags strong locks on them.
		 */
		public Builder largeTableSize(long bytes) {
			this.largeTableBytes = bytes;
			return this;
		}

		/** All four lock-wait settings at once. */
		public Builder lockWait(LockWaitSettings settings) {
			this.statementLockTimeout = settings.lockTimeout();
			this.statementTimeout = settings.statementTimeout();
			this.lockRetryAttempts = settings.maxAttempts();
			this.lockRetryBackoff = settings.backoff();
			return this;
		}

		// Checked by build() before TrackSettings reads it.
		LockWaitSettings lockWait() {
			return new LockWaitSettings(Objects.requireNonNull(this.statementLockTimeout),
					(this.statementTimeout != null && this.statementTimeout.isZero()) ? null : this.statementTimeout,
					this.lockRetryAttempts, Objects.requireNonNull(this.lockRetryBackoff));
		}

		/**
		 * How the files of every location are named and cut into migrations, unless a location is
		 * given its own ({@link #layout(String, MigrationLayout)}); {@link MigrationLayout#AUTO}
		 * recognises it from the files.
		 */
		public Builder layout(MigrationLayout layout) {
			this.layout = layout;
			return this;
		}

		/** The name of goose's history table, in the history table's schema. */
		public Builder gooseTable(String table) {
			this.gooseTable = table;
			return this;
		}

		/** The name of gormigrate's history table, in the history table's schema. */
		public Builder gormigrateTable(String table) {
			this.gormigrateTable = table;
			return this;
		}

		/** The name of Prisma Migrate's history table, in the history table's schema. */
		public Builder prismaTable(String table) {
			this.prismaTable = table;
			return this;
		}

		/**
		 * The history table and the legacy tables named after a track, so that no two tracks of a
		 * set share one by default: {@code cairn_history_<name>}, {@code <name>_schema_migrations},
		 * {@code <name>_flyway_schema_history}, {@code <name>_goose_db_version},
		 * {@code <name>_migrations}, {@code <name>__prisma_migrations} (characters other than
		 * letters, digits and {@code _} in the name become {@code _}). Later setters win.
		 * @param track the track's name
		 * @return this builder
		 */
		public Builder tablesNamedAfter(String track) {
			String identifier = track.replaceAll("[^A-Za-z0-9_]", "_");
			return table("cairn_history_" + identifier).golangMigrateTable(identifier + "_schema_migrations")
				.flywayTable(identifier + "_flyway_schema_history")
				.gooseTable(identifier + "_goose_db_version")
				.gormigrateTable(identifier + "_migrations")
				.prismaTable(identifier + "__prisma_migrations");
		}

		/** The layout of one of the {@link #locations}, written as it is there. */
		public Builder layout(String location, MigrationLayout layout) {
			this.locationLayouts.put(location, layout);
			return this;
		}

		/**
		 * What runs around every Java migration of the engine (the Spring Boot starter binds the
		 * migration's connection to Spring's transactions); {@link JavaMigrationScope#NONE} by default.
		 */
		public Builder javaMigrationScope(JavaMigrationScope scope) {
			this.javaMigrationScope = scope;
			return this;
		}

		/** Adds Java migrations to the track's. */
		public Builder javaMigrations(JavaMigration... migrations) {
			this.javaMigrations.addAll(java.util.Arrays.asList(migrations));
			return this;
		}

		public Builder listener(MigrationListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * The values of {@code ${name}} placeholders in SQL files (replacing any given before).
		 * Names are letters, digits, {@code _}, {@code .} and {@code -}; {@code cairn:} names are
		 * built in. A value may not span lines (line numbers in errors must stay true).
		 */
		public Builder placeholders(Map<String, String> placeholders) {
			this.placeholders.clear();
			this.placeholders.putAll(placeholders);
			return this;
		}

		/** One placeholder value; see {@link #placeholders(Map)}. */
		public Builder placeholder(String name, String value) {
			this.placeholders.put(name, value);
			return this;
		}

		public Builder listeners(List<MigrationListener> listeners) {
			this.listeners.clear();
			this.listeners.addAll(listeners);
			return this;
		}

		/**
		 * Checks every setting and builds the configuration.
		 * @throws CairnConfigurationException naming every bad setting
		 */
		public CairnConfiguration build() {
			List<String> mistakes = new ArrayList<>();
			if (this.dataSource == null) {
				mistakes.add("dataSource is not set: give Cairn the DataSource of the database to migrate");
			}
			engineMistakes(mistakes);
			List<Location> parsed = trackMistakes(mistakes);
			Map<Location, MigrationLayout> layouts = layoutMistakes(parsed, mistakes);
			fail(mistakes);
			return new CairnConfiguration(engine(), new TrackSettings(this, parsed, layouts));
		}

		/**
		 * Checks and builds only the settings every track shares, for a {@link TrackSet} or a
		 * fleet of tenants.
		 * @throws CairnConfigurationException naming every bad setting
		 */
		public EngineSettings buildEngine() {
			List<String> mistakes = new ArrayList<>();
			if (this.dataSource == null) {
				mistakes.add("dataSource is not set: give Cairn the DataSource of the database to migrate");
			}
			engineMistakes(mistakes);
			fail(mistakes);
			return engine();
		}

		/**
		 * Checks and builds only this track's settings (the engine's, such as the DataSource,
		 * are not needed), to run with an {@link EngineSettings} shared by several tracks.
		 * @throws CairnConfigurationException naming every bad setting
		 */
		public TrackSettings buildTrack() {
			List<String> mistakes = new ArrayList<>();
			List<Location> parsed = trackMistakes(mistakes);
			Map<Location, MigrationLayout> layouts = layoutMistakes(parsed, mistakes);
			fail(mistakes);
			return new TrackSettings(this, parsed, layouts);
		}

		private EngineSettings engine() {
			return new EngineSettings(Objects.requireNonNull(this.dataSource),
					(this.classLoader != null) ? this.classLoader : CairnConfiguration.class.getClassLoader(),
					this.connectTimeout, this.installedBy, this.listeners, this.progressInterval,
					(this.javaMigrationScope != null) ? this.javaMigrationScope : JavaMigrationScope.NONE);
		}

		private static void fail(List<String> mistakes) {
			if (!mistakes.isEmpty()) {
				throw new CairnConfigurationException("Invalid Cairn configuration:\n  - " + String.join("\n  - ", mistakes));
			}
		}

		private void engineMistakes(List<String> mistakes) {
			if (this.connectTimeout == null) {
				mistakes.add("connectTimeout is not set: use a duration such as PT30S, or zero to try once");
			}
			else if (this.connectTimeout.isNegative()) {
				mistakes.add("connectTimeout " + this.connectTimeout + " is negative: use a duration such as PT30S, or zero to"
						+ " try once");
			}
			else if (this.connectTimeout.compareTo(MAX_LOCK_TIMEOUT) > 0) {
				mistakes.add("connectTimeout " + this.connectTimeout + " is longer than " + MAX_LOCK_TIMEOUT
						+ ": use seconds or minutes");
			}
			if (this.progressInterval == null || this.progressInterval.isNegative() || this.progressInterval.isZero()) {
				mistakes.add("progressInterval " + this.progressInterval + " is not positive: use a duration such as PT30S");
			}
		}

		private List<Location> trackMistakes(List<String> mistakes) {
			if (this.track == null || !TRACK_NAME.matcher(this.track).matches()) {
				mistakes.add("track '" + this.track
						+ "' is not a valid track name: use letters, digits, '_', '-' or '.', at most 63 characters");
			}
			checkIdentifier("schema", this.schema, mistakes);
			checkIdentifier("table", this.table, mistakes);
			checkIdentifier("golangMigrateTable", this.golangMigrateTable, mistakes);
			checkIdentifier("flywayTable", this.flywayTable, mistakes);
			checkIdentifier("gooseTable", this.gooseTable, mistakes);
			checkIdentifier("gormigrateTable", this.gormigrateTable, mistakes);
			checkIdentifier("prismaTable", this.prismaTable, mistakes);
			if (this.recoveryPolicy == null) {
				mistakes.add("recoveryPolicy is not set: use FAIL or ROLLBACK_AND_RETRY");
			}
			if (this.baselineOnMigrate && this.baselineVersion == null) {
				mistakes.add("baselineOnMigrate is on but baselineVersion is not set: give the version the existing"
						+ " database is at");
			}
			if (this.lockTimeout == null) {
				mistakes.add("lockTimeout is not set: use a duration such as PT5M, or zero to try once");
			}
			else if (this.lockTimeout.isNegative()) {
				mistakes.add("lockTimeout " + this.lockTimeout + " is negative: use a duration such as PT5M, or zero to try once");
			}
			else if (this.lockTimeout.compareTo(MAX_LOCK_TIMEOUT) > 0) {
				mistakes.add("lockTimeout " + this.lockTimeout + " is longer than " + MAX_LOCK_TIMEOUT
						+ ": a run that waits that long is stuck, not patient; use minutes");
			}
			for (String name : List.of("gapPolicy", "driftPolicy", "unknownPolicy", "futurePolicy")) {
				if (policy(name) == null) {
					mistakes.add(name + " is not set: use FAIL, WARN or IGNORE");
				}
			}
			for (String rule : this.unknownLintRules) {
				mistakes.add("lint rule '" + rule + "' does not exist: known rules are " + String.join(", ",
						java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList()));
			}
			if (this.largeTableBytes < 0) {
				mistakes.add("largeTableSize " + this.largeTableBytes + " is negative: use a size in bytes such as "
						+ LintSettings.DEFAULT_LARGE_TABLE_BYTES + ", or 0 to treat every table as large");
			}
			mistakes.addAll(new LockWaitSettings(this.statementLockTimeout, this.statementTimeout, this.lockRetryAttempts,
					this.lockRetryBackoff).mistakes());
			this.placeholders.forEach((name, value) -> checkPlaceholder(name, value, mistakes));
			List<Location> parsed = new ArrayList<>();
			if (this.locations.isEmpty()) {
				mistakes.add("locations is empty: give at least one, such as " + DEFAULT_LOCATION);
			}
			for (String location : this.locations) {
				try {
					parsed.add(Location.parse(location));
				}
				catch (IllegalArgumentException ex) {
					mistakes.add(ex.getMessage());
				}
			}
			if (this.after == null) {
				mistakes.add("after is not set: give the names of the tracks this one runs after, or none");
			}
			else {
				for (String other : this.after) {
					if (other == null || !TRACK_NAME.matcher(other).matches()) {
						mistakes.add("after '" + other + "' is not a valid track name: use letters, digits, '_', '-' or '.'");
					}
					else if (other.equals(this.track)) {
						mistakes.add("after names the track itself ('" + other + "'): a track cannot run after itself");
					}
				}
			}
			for (int i = 0; i < this.javaMigrations.size(); i++) {
				JavaMigration migration = this.javaMigrations.get(i);
				if (migration == null) {
					mistakes.add("javaMigrations[" + i + "] is null: register JavaMigration instances only");
					continue;
				}
				String named = trackOf(migration);
				if (named != null && !named.equals(this.track)) {
					mistakes.add("javaMigrations[" + i + "] (" + migration.getClass().getName() + ") belongs to track '"
							+ named + "', not to track '" + this.track + "': register it with that track's configuration,"
							+ " or make its track() return null (the default track) or '" + this.track + "'");
				}
			}
			return parsed;
		}

		// The layouts given to single locations, each checked against the parsed locations.
		private Map<Location, MigrationLayout> layoutMistakes(List<Location> parsed, List<String> mistakes) {
			if (this.layout == null) {
				mistakes.add("layout is not set: use auto, or the layout of the migrations (" + layoutNames() + ")");
			}
			Map<Location, MigrationLayout> layouts = new HashMap<>();
			this.locationLayouts.forEach((text, layout) -> {
				Location location;
				try {
					location = Location.parse(text);
				}
				catch (IllegalArgumentException ex) {
					mistakes.add("layout of " + ex.getMessage());
					return;
				}
				if (!parsed.contains(location)) {
					mistakes.add("layout of location '" + text + "' is given, but that is not one of the locations "
							+ this.locations + ": write the location as in the locations setting");
				}
				else if (layout == null) {
					mistakes.add("layout of location '" + text + "' is not set: use auto, or " + layoutNames());
				}
				else {
					layouts.put(location, layout);
				}
			});
			return layouts;
		}

		private static String layoutNames() {
			return java.util.Arrays.stream(MigrationLayout.values()).map(MigrationLayout::displayName)
				.collect(java.util.stream.Collectors.joining(", "));
		}

		private static @Nullable String trackOf(JavaMigration migration) {
			try {
				return migration.track();
			}
			catch (RuntimeException ex) {
				return "(track() failed: " + Secrets.mask(String.valueOf(ex.getMessage())) + ")";
			}
		}

		private @Nullable ValidationPolicy policy(String name) {
			return switch (name) {
				case "gapPolicy" -> this.gapPolicy;
				case "driftPolicy" -> this.driftPolicy;
				case "unknownPolicy" -> this.unknownPolicy;
				default -> this.futurePolicy;
			};
		}

		// Named without the value: a placeholder may hold a password.
		private static void checkPlaceholder(@Nullable String name, @Nullable String value, List<String> mistakes) {
			if (name == null || !PLACEHOLDER_NAME.matcher(name).matches()) {
				mistakes.add("placeholder name '" + name + "' is not usable: use letters, digits, '_', '.' and '-',"
						+ " starting with a letter or '_'" + ((name != null && name.startsWith("cairn:"))
								? " (cairn: names are built in and cannot be set)" : ""));
			}
			else if (value == null) {
				mistakes.add("placeholder '" + name + "' has no value: give it one (an empty text is allowed)");
			}
			else if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
				mistakes.add("placeholder '" + name + "' has a value on several lines: placeholder values are one line,"
						+ " so that line numbers in errors stay those of the file");
			}
		}

		private static void checkIdentifier(String setting, @Nullable String value, List<String> mistakes) {
			if (value == null || !IDENTIFIER.matcher(value).matches()) {
				mistakes.add(setting + " '" + value + "' is not a plain PostgreSQL identifier: use letters, digits and '_',"
						+ " starting with a letter or '_', at most 63 characters");
			}
		}

	}

}
