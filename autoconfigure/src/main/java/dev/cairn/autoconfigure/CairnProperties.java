package dev.cairn.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.Operation;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.ValidationPolicy;
import dev.cairn.core.Version;
import dev.cairn.core.command.OperationRequest;

/**
 * Configuration properties of Cairn, under {@code cairn.*}. They describe one track, the
 * default one; {@code cairn.tracks.<name>.*} is reserved for more tracks later.
 *
 * <p>Bad values fail the start-up with Spring Boot's binding report, which names the
 * property: the values the engine checks are checked here by the engine itself.
 */
@ConfigurationProperties("cairn")
public class CairnProperties implements Validator {

	/** How often {@code cairn.mode=validate} checks again by default. */
	public static final Duration DEFAULT_VALIDATE_INTERVAL = Duration.ofSeconds(10);

	// A stand-in so that single values can be checked by the engine's builder; never connected.
	private static final SimpleDriverDataSource UNUSED_DATA_SOURCE = new SimpleDriverDataSource();

	/**
	 * Whether to enable Cairn: apply migrations on start-up and report them through Actuator.
	 */
	private boolean enabled = true;

	/**
	 * Locations of the migration files, "classpath:" (also inside jars) or "filesystem:"; a
	 * location without prefix is on the classpath.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath:db/migrations"));

	/**
	 * Name of the track, as shown in logs, metrics, health and /actuator/migrations.
	 */
	private String track = "default";

	/**
	 * Schema of the history table; never taken from the search_path.
	 */
	private String schema = "public";

	/**
	 * Name of the history table.
	 */
	private String table = "cairn_history";

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
	 * How long a migrate run keeps retrying, with backoff, while the database cannot be
	 * reached (it is starting, or not up yet); 0 tries once. Wrong credentials are never
	 * retried. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration connectTimeout = Duration.ofSeconds(30);

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
	 * Name of golang-migrate's history table, for the takeover.
	 */
	private String golangMigrateTable = "schema_migrations";

	/**
	 * Name of Flyway's history table, for the takeover.
	 */
	private String flywayTable = "flyway_schema_history";

	/**
	 * Values of ${name} placeholders in SQL files, by name (cairn.placeholders.app-role=orders_app);
	 * values of names with password, secret, token or key in them are masked in messages and logs.
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Whether a failed migration run stops the application from starting. When false, the
	 * application starts but stays not ready and reports the failure through health and
	 * /actuator/migrations.
	 */
	private boolean failOnError = true;

	/**
	 * When to apply migrations: "runner" after the context is refreshed, while readiness
	 * refuses traffic; or "initialization" during context refresh, before JPA, JdbcTemplate and
	 * other database users are created.
	 */
	private RunOn runOn = RunOn.RUNNER;

	/**
	 * What the application does with migrations on start-up: "migrate" applies them;
	 * "validate" (replicas, when a Job migrates) applies nothing, stays not ready while
	 * migrations are pending and fails on drift or other validation problems.
	 */
	private Mode mode = Mode.MIGRATE;

	/**
	 * How often cairn.mode=validate checks again whether another instance has applied the
	 * pending migrations. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration validateInterval = Duration.ofSeconds(10);

	/**
	 * Operation to run instead of starting the application: the application starts without
	 * a web server, runs it, prints the result and exits with its exit code.
	 */
	private @Nullable Operation command;

	/**
	 * Version to migrate up to (cairn.command=migrate) or to roll back to, keeping it
	 * applied (cairn.command=rollback).
	 */
	private @Nullable String target;

	/**
	 * How many of the most recently applied migrations cairn.command=rollback undoes.
	 */
	private @Nullable Integer steps;

	/**
	 * Whether cairn.command=repair also records the current checksum and name of drifted and
	 * renamed migrations; false if not set.
	 */
	private @Nullable Boolean acceptChanges;

	/**
	 * Version that cairn.command=force records or removes, or that cairn.command=baseline
	 * records the database to be at (baseline falls back to cairn.baseline-version).
	 */
	private @Nullable String version;

	/**
	 * Whether cairn.command=force records cairn.version as applied (true) or removes it from
	 * history (false); true if not set.
	 */
	private @Nullable Boolean applied;

	private final Endpoint endpoint = new Endpoint();

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
	 * Name recorded in the history table as who applied each migration; by default the
	 * database user.
	 */
	private @Nullable String installedBy;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public String getTrack() {
		return this.track;
	}

	public void setTrack(String track) {
		this.track = track;
	}

	public String getSchema() {
		return this.schema;
	}

	public void setSchema(String schema) {
		this.schema = schema;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
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

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
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

	public String getGolangMigrateTable() {
		return this.golangMigrateTable;
	}

	public void setGolangMigrateTable(String golangMigrateTable) {
		this.golangMigrateTable = golangMigrateTable;
	}

	public String getFlywayTable() {
		return this.flywayTable;
	}

	public void setFlywayTable(String flywayTable) {
		this.flywayTable = flywayTable;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public boolean isFailOnError() {
		return this.failOnError;
	}

	public void setFailOnError(boolean failOnError) {
		this.failOnError = failOnError;
	}

	public RunOn getRunOn() {
		return this.runOn;
	}

	public void setRunOn(RunOn runOn) {
		this.runOn = runOn;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Duration getValidateInterval() {
		return this.validateInterval;
	}

	public void setValidateInterval(Duration validateInterval) {
		this.validateInterval = validateInterval;
	}

	public @Nullable Operation getCommand() {
		return this.command;
	}

	public void setCommand(@Nullable Operation command) {
		this.command = command;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public @Nullable Integer getSteps() {
		return this.steps;
	}

	public void setSteps(@Nullable Integer steps) {
		this.steps = steps;
	}

	public @Nullable Boolean getAcceptChanges() {
		return this.acceptChanges;
	}

	public void setAcceptChanges(@Nullable Boolean acceptChanges) {
		this.acceptChanges = acceptChanges;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public @Nullable Boolean getApplied() {
		return this.applied;
	}

	public void setApplied(@Nullable Boolean applied) {
		this.applied = applied;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * The operation {@code cairn.command} asks for, with its arguments from {@code cairn.*}.
	 * @return the request, or {@code null} when {@code cairn.command} is not set
	 */
	public @Nullable OperationRequest commandRequest() {
		if (this.command == null) {
			return null;
		}
		String version = StringUtils.hasText(this.version) ? this.version
				: (this.command == Operation.BASELINE) ? this.baselineVersion : null;
		return new OperationRequest(this.command, this.target, this.steps, this.acceptChanges, version, this.applied);
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

	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	public void setInstalledBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
	}

	/**
	 * Whether migrations use a connection of their own, built from {@code cairn.url} and
	 * {@code cairn.user}, instead of the application's DataSource.
	 */
	boolean hasOwnConnection() {
		return StringUtils.hasText(this.url) || StringUtils.hasText(this.user);
	}

	@Override
	public boolean supports(Class<?> type) {
		return CairnProperties.class.isAssignableFrom(type);
	}

	/**
	 * Checks each value with the engine's own rules, one at a time, so that the binding report
	 * names the property rather than the engine's setting.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		CairnProperties properties = (CairnProperties) target;
		check(errors, "track", "track", (builder) -> builder.track(properties.getTrack()));
		check(errors, "locations", "locations", (builder) -> builder.locations(properties.getLocations()));
		check(errors, "schema", "schema", (builder) -> builder.schema(properties.getSchema()));
		check(errors, "table", "table", (builder) -> builder.table(properties.getTable()));
		check(errors, "lockTimeout", "lockTimeout", (builder) -> builder.lockTimeout(properties.getLockTimeout()));
		check(errors, "connectTimeout", "connectTimeout",
				(builder) -> builder.connectTimeout(properties.getConnectTimeout()));
		check(errors, "validateGaps", "gapPolicy", (builder) -> builder.gapPolicy(properties.getValidateGaps()));
		check(errors, "validateDrift", "driftPolicy", (builder) -> builder.driftPolicy(properties.getValidateDrift()));
		check(errors, "validateUnknown", "unknownPolicy",
				(builder) -> builder.unknownPolicy(properties.getValidateUnknown()));
		check(errors, "validateFuture", "futurePolicy", (builder) -> builder.futurePolicy(properties.getValidateFuture()));
		check(errors, "recoveryPolicy", "recoveryPolicy",
				(builder) -> builder.recoveryPolicy(properties.getRecoveryPolicy()));
		check(errors, "golangMigrateTable", "golangMigrateTable",
				(builder) -> builder.golangMigrateTable(properties.getGolangMigrateTable()));
		check(errors, "flywayTable", "flywayTable", (builder) -> builder.flywayTable(properties.getFlywayTable()));
		// Not rejectValue: the failure report would print every value, and a placeholder may hold a password.
		try {
			CairnConfiguration.builder().dataSource(UNUSED_DATA_SOURCE).placeholders(properties.getPlaceholders()).build();
		}
		catch (CairnConfigurationException ex) {
			errors.reject("cairn.placeholders", reason("cairn.placeholders", "placeholder", ex.getMessage()));
		}
		String baselineVersion = properties.getBaselineVersion();
		if (StringUtils.hasText(baselineVersion)) {
			try {
				Version.parse(baselineVersion.strip());
			}
			catch (IllegalArgumentException ex) {
				errors.rejectValue("baselineVersion", "cairn.baselineVersion",
						"cairn.baseline-version: " + ex.getMessage() + "; use one such as 41 or 2.1.3");
			}
		}
		else if (properties.isBaselineOnMigrate()) {
			errors.rejectValue("baselineVersion", "cairn.baselineVersion", "cairn.baseline-version is not set but"
					+ " cairn.baseline-on-migrate is on: give the version the existing database is at");
		}
		if (properties.getValidateInterval() == null || properties.getValidateInterval().isNegative()
				|| properties.getValidateInterval().isZero()) {
			errors.rejectValue("validateInterval", "cairn.validateInterval", "cairn.validate-interval "
					+ properties.getValidateInterval() + " is not positive: use a duration such as 10s");
		}
		validateCommand(properties, errors);
		String url = properties.getUrl();
		if (StringUtils.hasText(url) && !url.startsWith("jdbc:")) {
			// Not rejectValue: the failure report would print the value, and a URL may carry a password.
			errors.reject("cairn.url",
					"cairn.url is not a JDBC URL: use one such as jdbc:postgresql://db.example.com:5432/orders");
		}
		if (StringUtils.hasText(properties.getPassword()) && !properties.hasOwnConnection()) {
			errors.reject("cairn.password", "cairn.password is set but neither cairn.url nor"
					+ " cairn.user is: set cairn.user (and cairn.url for another database) or remove cairn.password");
		}
	}

	/**
	 * Checks the arguments of {@code cairn.command}: the ones it needs are set and valid, and
	 * no argument is set that it would ignore.
	 */
	private static void validateCommand(CairnProperties properties, Errors errors) {
		Operation command = properties.getCommand();
		if (command == null) {
			for (String field : OperationRequest.ARGUMENTS) {
				if (argumentIsSet(properties, field)) {
					errors.rejectValue(field, "cairn." + field, propertyName(field) + " is set but cairn.command is not: it"
							+ " is an argument of " + OperationRequest.users(field, CairnProperties::commandProperty)
							+ "; set cairn.command or remove " + propertyName(field));
				}
			}
			return;
		}
		if (command == Operation.BASELINE && StringUtils.hasText(properties.getVersion())
				&& StringUtils.hasText(properties.getBaselineVersion())
				&& !sameVersion(properties.getVersion(), properties.getBaselineVersion())) {
			errors.rejectValue("version", "cairn.version", "cairn.version (" + properties.getVersion()
					+ ") and cairn.baseline-version (" + properties.getBaselineVersion() + ") differ: cairn.command=baseline"
					+ " needs one version; set only one of them");
			return;
		}
		// cairn.baseline-version is checked above; as the baseline command's version it needs no second message.
		boolean versionFromBaselineVersion = command == Operation.BASELINE && !StringUtils.hasText(properties.getVersion())
				&& StringUtils.hasText(properties.getBaselineVersion());
		OperationRequest request = properties.commandRequest();
		UnaryOperator<String> naming = (field) -> (command == Operation.BASELINE && field.equals("version")
				&& !StringUtils.hasText(properties.getVersion())) ? "cairn.version (or cairn.baseline-version)"
						: propertyName(field);
		request.problems(naming, CairnProperties::commandProperty).forEach((field, message) -> {
			if (!(versionFromBaselineVersion && field.equals("version"))) {
				errors.rejectValue(field, "cairn." + field, message);
			}
		});
	}

	private static boolean argumentIsSet(CairnProperties properties, String field) {
		return switch (field) {
			case "target" -> properties.getTarget() != null;
			case "steps" -> properties.getSteps() != null;
			case "acceptChanges" -> properties.getAcceptChanges() != null;
			case "version" -> properties.getVersion() != null;
			case "applied" -> properties.getApplied() != null;
			default -> throw new IllegalArgumentException(field);
		};
	}

	private static boolean sameVersion(String one, String other) {
		try {
			return Version.parse(one.strip()).equals(Version.parse(other.strip()));
		}
		catch (IllegalArgumentException ex) {
			return one.strip().equals(other.strip());
		}
	}

	private static String commandProperty(Operation command) {
		return "cairn.command=" + command.externalName();
	}

	/**
	 * Builds an engine configuration with one value set, so that the engine's own rules decide;
	 * its message is reworded to name the property rather than the engine's setting.
	 */
	private static void check(Errors errors, String field, String engineSetting,
			UnaryOperator<CairnConfiguration.Builder> setting) {
		try {
			setting.apply(CairnConfiguration.builder().dataSource(UNUSED_DATA_SOURCE)).build();
		}
		catch (CairnConfigurationException ex) {
			errors.rejectValue(field, "cairn." + field, reason(propertyName(field), engineSetting, ex.getMessage()));
		}
	}

	private static String reason(String property, String engineSetting, @Nullable String message) {
		// The engine lists mistakes under a heading; a single one reads better without it.
		String reason = (message != null) ? message.replaceFirst("^Invalid Cairn configuration:\\s*-\\s*", "").trim()
				: "is invalid";
		if (reason.startsWith(engineSetting + " ")) {
			return property + reason.substring(engineSetting.length());
		}
		return property + ": " + reason;
	}

	private static String propertyName(String field) {
		return "cairn." + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

	/**
	 * What the application does with migrations on start-up.
	 */
	public enum Mode {

		/**
		 * Apply pending migrations.
		 */
		MIGRATE,

		/**
		 * Apply nothing: stay not ready while migrations are pending (another instance or a Job
		 * applies them), check again at {@code cairn.validate-interval}, and fail on drift or
		 * other validation problems.
		 */
		VALIDATE

	}

	/**
	 * Cairn's settings of the {@code migrations} Actuator endpoint.
	 */
	public static class Endpoint {

		private final WriteOperations writeOperations = new WriteOperations();

		public WriteOperations getWriteOperations() {
			return this.writeOperations;
		}

		/**
		 * The endpoint's write operations ({@code POST /actuator/migrations}).
		 */
		public static class WriteOperations {

			/**
			 * Whether /actuator/migrations accepts write operations (POST: migrate, rollback,
			 * repair, force, baseline, dry-run, validate). They also need
			 * management.endpoint.migrations.access=unrestricted, and must be secured.
			 */
			private boolean enabled = false;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * When migrations run.
	 */
	public enum RunOn {

		/**
		 * In an {@code ApplicationRunner}, after the context is refreshed and the web server is
		 * up; readiness refuses traffic until migrations succeed.
		 */
		RUNNER,

		/**
		 * During context refresh, before beans that use the database (JPA,
		 * {@code JdbcTemplate}, {@code JdbcClient}, ...) are created.
		 */
		INITIALIZATION

	}

}
