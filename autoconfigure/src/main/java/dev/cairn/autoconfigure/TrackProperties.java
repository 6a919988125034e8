package dev.cairn.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintSettings;
import dev.cairn.core.LockWaitSettings;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.ValidationPolicy;

/**
 * The settings of one track, declared once: the default track's under {@code cairn.*} and
 * every other track's under {@code cairn.tracks.<name>.*}.
 */
public class TrackProperties {

	/**
	 * Locations of the migration files, "classpath:" (also inside jars) or "filesystem:"; a
	 * location without prefix is on the classpath.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/migrations"));

	/**
	 * Schema of the history table; never taken from the search_path.
	 */
	private String schema = "public";

	/**
	 * Name of the history table; under cairn.tracks.<name> it is cairn_history_<name> unless
	 * set. No two tracks may share one, not even in names that differ only in case.
	 */
	private @Nullable String table = "cairn_history";

	/**
	 * Whether to create the history table's schema when it does not exist.
	 */
	private boolean createSchema = true;

	/**
	 * Maximum time to wait for the migration lock another instance holds; 0 tries once. If a
	 * duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration lockTimeout = Duration.ofMinutes(5);

	/**
	 * What to do with a pending migration whose version is lower than the highest applied one
	 * (fail, warn or ignore); a warned gap is applied.
	 */
	private ValidationPolicy validateGaps = ValidationPolicy.WARN;

	/**
	 * What to do when the file of an applied migration changed since it was applied (fail,
	 * warn or ignore).
	 */
	private ValidationPolicy validateDrift = ValidationPolicy.FAIL;

	/**
	 * What to do with an applied migration that is no longer on disk and is below the highest
	 * version on disk (fail, warn or ignore).
	 */
	private ValidationPolicy validateUnknown = ValidationPolicy.FAIL;

	/**
	 * What to do with applied migrations above the highest version on disk, as left by a newer
	 * release of the application (fail, warn or ignore).
	 */
	private ValidationPolicy validateFuture = ValidationPolicy.WARN;

	/**
	 * What to do with a non-transactional migration a crashed run left in progress: "fail"
	 * (stop and explain) or "rollback-and-retry" (drop the invalid indexes it left, run its
	 * down file if any, and apply it again).
	 */
	private RecoveryPolicy recoveryPolicy = RecoveryPolicy.FAIL;

	/**
	 * Whether a migrate run on a database that has tables but no history first records the
	 * migrations up to cairn.baseline-version as applied, without running them.
	 */
	private boolean baselineOnMigrate = false;

	/**
	 * Version the existing database is at, for cairn.baseline-on-migrate.
	 */
	private @Nullable String baselineVersion;

	/**
	 * Whether an empty history takes over golang-migrate's or Flyway's history table when one
	 * is found in the history table's schema.
	 */
	private boolean takeover = true;

	/**
	 * Name of golang-migrate's history table, for the takeover; under cairn.tracks.<name> it
	 * is <name>_schema_migrations unless set.
	 */
	private @Nullable String golangMigrateTable = "schema_migrations";

	/**
	 * Name of Flyway's history table, for the takeover; under cairn.tracks.<name> it is
	 * <name>_flyway_schema_history unless set.
	 */
	private @Nullable String flywayTable = "flyway_schema_history";

	/**
	 * JDBC URL of the database to migrate, when migrations should not use the application's
	 * DataSource.
	 */
	private @Nullable String url;

	/**
	 * Login user for migrations, for example a role allowed to run DDL; by default the user of
	 * the application's DataSource.
	 */
	private @Nullable String user;

	/**
	 * Login password of the migration user.
	 */
	private @Nullable String password;

	/**
	 * Tracks this one runs after, by name: their tables exist when its migrations run. Each
	 * must be an existing, enabled track; without it tracks run in declaration order.
	 */
	private List<String> after = new ArrayList<>();

	/**
	 * Name of goose's history table, for the takeover.
	 */
	private @Nullable String gooseTable = "goose_db_version";

	/**
	 * Name of gormigrate's history table, for the takeover.
	 */
	private @Nullable String gormigrateTable = "migrations";

	/**
	 * Name of Prisma Migrate's history table, for the takeover.
	 */
	private @Nullable String prismaTable = "_prisma_migrations";

	/**
	 * How the files of every location are named and cut into migrations: auto (recognised from
	 * the files), golang-migrate, flyway, goose, dbmate, prisma or plain.
	 */
	private MigrationLayout layout = MigrationLayout.AUTO;

	/**
	 * Layouts of single locations, keyed by the location as written in cairn.locations (in
	 * brackets: cairn.layouts[classpath:db/goose]=goose); others follow cairn.layout.
	 */
	private Map<String, MigrationLayout> layouts = new LinkedHashMap<>();

	/**
	 * Values of ${name} placeholders in SQL files, by name (cairn.placeholders.app-role=orders_app);
	 * values of names with password, secret, token or key in them are masked in messages and logs.
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * How migration statements wait for table locks: lock and statement timeouts, and retries
	 * after a lock timeout.
	 */
	private final LockWait lockWait = new LockWait();

	/**
	 * The linter run on pending migrations before anything is applied.
	 */
	private final Lint lint = new Lint();

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public @Nullable String getTable() {
		return this.table;
	}

	public void setTable(@Nullable String table) {
		this.table = table;
	}

	public boolean isCreateSchema() {
		return this.createSchema;
	}

	public void setCreateSchema(boolean createSchema) {
		this.createSchema = createSchema;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public ValidationPolicy getValidateGaps() {
		return this.validateGaps;
	}

	public void setValidateGaps(ValidationPolicy validateGaps) {
		this.validateGaps = validateGaps;
	}

	public ValidationPolicy getValidateDrift() {
		return this.validateDrift;
	}

	public void setValidateDrift(ValidationPolicy validateDrift) {
		this.validateDrift = validateDrift;
	}

	public ValidationPolicy getValidateUnknown() {
		return this.validateUnknown;
	}

	public void setValidateUnknown(ValidationPolicy validateUnknown) {
		this.validateUnknown = validateUnknown;
	}

	public ValidationPolicy getValidateFuture() {
		return this.validateFuture;
	}

	public void setValidateFuture(ValidationPolicy validateFuture) {
		this.validateFuture = validateFuture;
	}

	public RecoveryPolicy getRecoveryPolicy() {
		return this.recoveryPolicy;
	}

	public void setRecoveryPolicy(RecoveryPolicy recoveryPolicy) {
		this.recoveryPolicy = recoveryPolicy;
	}

	public boolean isBaselineOnMigrate() {
		return this.baselineOnMigrate;
	}

	public void setBaselineOnMigrate(boolean baselineOnMigrate) {
		this.baselineOnMigrate = baselineOnMigrate;
	}

	public @Nullable String getBaselineVersion() {
		return this.baselineVersion;
	}

	public void setBaselineVersion(@Nullable String baselineVersion) {
		this.baselineVersion = baselineVersion;
	}

	public boolean isTakeover() {
		return this.takeover;
	}

	public void setTakeover(boolean takeover) {
		this.takeover = takeover;
	}

	public @Nullable String getGolangMigrateTable() {
		return this.golangMigrateTable;
	}

	public void setGolangMigrateTable(@Nullable String golangMigrateTable) {
		this.golangMigrateTable = golangMigrateTable;
	}

	public @Nullable String getFlywayTable() {
		return this.flywayTable;
	}

	public void setFlywayTable(@Nullable String flywayTable) {
		this.flywayTable = flywayTable;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	/**
	 * Whether migrations use a connection of their own, built from {@code cairn.url} and
	 * {@code cairn.user}, instead of the application's DataSource.
	 */
	public boolean hasOwnConnection() {
		return StringUtils.hasText(this.url) || StringUtils.hasText(this.user);
	}

	public List<String> getAfter() {
		return this.after;
	}

	public void setAfter(List<String> after) {
		this.after = after;
	}

	public @Nullable String getGooseTable() {
		return this.gooseTable;
	}

	public void setGooseTable(@Nullable String gooseTable) {
		this.gooseTable = gooseTable;
	}

	public @Nullable String getGormigrateTable() {
		return this.gormigrateTable;
	}

	public void setGormigrateTable(@Nullable String gormigrateTable) {
		this.gormigrateTable = gormigrateTable;
	}

	public @Nullable String getPrismaTable() {
		return this.prismaTable;
	}

	public void setPrismaTable(@Nullable String prismaTable) {
		this.prismaTable = prismaTable;
	}

	public MigrationLayout getLayout() {
		return this.layout;
	}

	public void setLayout(MigrationLayout layout) {
		this.layout = layout;
	}

	public Map<String, MigrationLayout> getLayouts() {
		return this.layouts;
	}

	public void setLayouts(Map<String, MigrationLayout> layouts) {
		this.layouts = layouts;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public LockWait getLockWait() {
		return this.lockWait;
	}

	public Lint getLint() {
		return this.lint;
	}

	/**
	 * How migration statements wait for table locks ({@code cairn.lock-wait.*}, per track).
	 */
	public static class LockWait {

		/**
		 * The lock_timeout every migration statement runs with: how long it may queue for a
		 * table lock (and so how long the application's queries on that table queue behind
		 * it); 0 waits forever. A file overrides it with "-- cairn:lock-timeout 30s". If a
		 * duration suffix is not specified, milliseconds will be used.
		 */
		private Duration lockTimeout = LockWaitSettings.DEFAULT_LOCK_TIMEOUT;

		/**
		 * The statement_timeout every migration statement runs with; unset or 0 leaves the
		 * session's. A file overrides it with "-- cairn:statement-timeout 10min".
		 */
		private @Nullable Duration statementTimeout;

		/**
		 * How often a migration is tried in all when a statement times out on a lock (1 =
		 * never again); it is rolled back before each new attempt. A file overrides it with
		 * "-- cairn:max-attempts 1".
		 */
		private int maxAttempts = LockWaitSettings.DEFAULT_MAX_ATTEMPTS;

		/**
		 * The pause before the second attempt, doubled for each further one up to a minute.
		 */
		private Duration backoff = LockWaitSettings.DEFAULT_BACKOFF;

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public @Nullable Duration getStatementTimeout() {
			return this.statementTimeout;
		}

		public void setStatementTimeout(@Nullable Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Duration backoff) {
			this.backoff = backoff;
		}

	}

	/**
	 * The linter ({@code cairn.lint.*}, per track).
	 */
	public static class Lint {

		/**
		 * What each rule's findings do, by rule id (such as create-index-blocking): off, warn
		 * (the default of every rule) or fail.
		 */
		private java.util.Map<String, LintPolicy> rules = new java.util.LinkedHashMap<>();

		/**
		 * From what total size a table counts as large: when connected, the rules that use
		 * the catalog report only large tables, and the dry run flags strong locks on them.
		 */
		private DataSize largeTableSize = DataSize.ofBytes(LintSettings.DEFAULT_LARGE_TABLE_BYTES);

		public java.util.Map<String, LintPolicy> getRules() {
			return this.rules;
		}

		public void setRules(java.util.Map<String, LintPolicy> rules) {
			this.rules = rules;
		}

		public DataSize getLargeTableSize() {
			return this.largeTableSize;
		}

		public void setLargeTableSize(DataSize largeTableSize) {
			this.largeTableSize = largeTableSize;
		}

	}

}
