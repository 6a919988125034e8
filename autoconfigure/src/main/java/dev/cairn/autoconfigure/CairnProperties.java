package dev.cairn.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.FleetFailurePolicy;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintRule;
import dev.cairn.core.LintSettings;
import dev.cairn.core.LockWaitSettings;
import dev.cairn.core.Operation;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.ValidationPolicy;
import dev.cairn.core.Version;
import dev.cairn.core.command.OperationRequest;

/**
 * Configuration properties of Cairn, under {@code cairn.*}: the settings every track shares,
 * the settings of the default track (declared once, in {@link TrackProperties}), and more
 * tracks under {@code cairn.tracks.<name>.*}.
 *
 * <p>Bad values fail the start-up with Spring Boot's binding report, which names the
 * property: the values the engine checks are checked here by the engine itself.
 */
@ConfigurationProperties("cairn")
public class CairnProperties extends TrackProperties implements Validator {

	/** How often {@code cairn.mode=validate} checks again by default. */
	public static final Duration DEFAULT_VALIDATE_INTERVAL = Duration.ofSeconds(10);

	// A stand-in so that single values can be checked by the engine's builder; never connected.
	private static final SimpleDriverDataSource UNUSED_DATA_SOURCE = new SimpleDriverDataSource();

	/**
	 * Whether to enable Cairn: apply migrations on start-up and report them through Actuator.
	 */
	private boolean enabled = true;

	/**
	 * Name of the track, as shown in logs, metrics, health and /actuator/migrations.
	 */
	private String track = "default";

	/**
	 * How long a migrate run keeps retrying, with backoff, while the database cannot be
	 * reached (it is starting, or not up yet); 0 tries once. Wrong credentials are never
	 * retried. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration connectTimeout = Duration.ofSeconds(30);

	/**
	 * How often a migration that is still running is logged and shown on the endpoint and
	 * health, with the sessions holding the locks it waits for. If a duration suffix is not
	 * specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration progressInterval = Duration.ofSeconds(30);

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
	 * How many of the most recently applied migrations cairn.command=rollback undoes, or how
	 * many of the pending ones cairn.command=migrate applies (all of them if not set).
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

	/**
	 * Tracks that cairn.command runs on, by name; every enabled track if not set.
	 */
	private List<String> commandTracks = new ArrayList<>();

	/**
	 * More tracks by name, each with its own locations and history table
	 * (cairn_history_<name> unless set), run in order after the default track. For a track a
	 * library contributes (a CairnTrack bean), only enabled and after apply.
	 */
	private Map<String, Track> tracks = new LinkedHashMap<>();

	/**
	 * Whether the top-level cairn.* settings form a track of their own (named by cairn.track);
	 * by default only when no cairn.tracks are configured.
	 */
	private @Nullable Boolean defaultTrackEnabled;

	private final Endpoint endpoint = new Endpoint();

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

	public String getTrack() {
		return this.track;
	}

	public void setTrack(String track) {
		this.track = track;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
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

	public List<String> getCommandTracks() {
		return this.commandTracks;
	}

	public void setCommandTracks(List<String> commandTracks) {
		this.commandTracks = commandTracks;
	}

	public Map<String, Track> getTracks() {
		return this.tracks;
	}

	public void setTracks(Map<String, Track> tracks) {
		this.tracks = tracks;
	}

	public @Nullable Boolean getDefaultTrackEnabled() {
		return this.defaultTrackEnabled;
	}

	public void setDefaultTrackEnabled(@Nullable Boolean defaultTrackEnabled) {
		this.defaultTrackEnabled = defaultTrackEnabled;
	}

	/**
	 * Whether the top-level settings form the default track: when asked for, or when no other
	 * track is configured by properties.
	 */
	public boolean hasDefaultTrack() {
		return (this.defaultTrackEnabled != null) ? this.defaultTrackEnabled : this.tracks.isEmpty();
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
				: (this.command == Operation.BASELINE) ? getBaselineVersion() : null;
		return new OperationRequest(this.command, this.target, this.steps, this.acceptChanges, version, this.applied);
	}

	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	public void setInstalledBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
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
		check(errors, "connectTimeout", "connectTimeout",
				(builder) -> builder.connectTimeout(properties.getConnectTimeout()));
		check(errors, "progressInterval", "progressInterval",
				(builder) -> builder.progressInterval(properties.getProgressInterval()));
		validateTrack(properties, "cairn.", (field, message) -> {
			if (field.equals("url") || field.equals("password") || field.equals("placeholders")) {
				// Not rejectValue: the failure report would print the value, and a URL or placeholder may carry a password.
				errors.reject("cairn." + field, message);
			}
			else {
				errors.rejectValue(field, "cairn." + field, message);
			}
		});
		properties.getTracks().forEach((name, track) -> {
			String prefix = "cairn.tracks." + name + ".";
			// Not rejectValue: a map entry is no bean property of this class.
			validateTrack(track, prefix, (field, message) -> errors.reject(prefix + field, message));
			validateTenants(track.getTenants(), prefix + "tenants.", (field, message) -> errors.reject(prefix
					+ "tenants." + field, message));
			if (track.getTenants().isPerDatabase() && StringUtils.hasText(track.getUrl())) {
				errors.reject(prefix + "url", prefix + "url is set but each tenant is a database of its own"
						+ " (" + prefix + "tenants.url-template or .databases): remove the url; " + prefix + "user and "
						+ prefix + "password still log in to every tenant's database");
			}
			checkValue(prefix, "name", "track", (builder) -> builder.track(name),
					(field, message) -> errors.reject("cairn.tracks", "cairn.tracks." + name + ": '" + name
							+ "' is not a valid track name: use letters, digits, '_', '-' or '.', at most 63 characters"));
		});
		for (String name : properties.getCommandTracks()) {
			if (properties.getCommand() == null) {
				errors.rejectValue("commandTracks", "cairn.commandTracks", "cairn.command-tracks is set but"
						+ " cairn.command is not: it names the tracks a command runs on; set cairn.command or remove it");
				break;
			}
			if (!StringUtils.hasText(name)) {
				errors.rejectValue("commandTracks", "cairn.commandTracks",
						"cairn.command-tracks has an empty entry: give track names, such as core,vector");
				break;
			}
		}
		if (properties.getValidateInterval() == null || properties.getValidateInterval().isNegative()
				|| properties.getValidateInterval().isZero()) {
			errors.rejectValue("validateInterval", "cairn.validateInterval", "cairn.validate-interval "
					+ properties.getValidateInterval() + " is not positive: use a duration such as 10s");
		}
		Duration maxAge = properties.getEndpoint().getFleetStatusMaxAge();
		if (maxAge == null || maxAge.isNegative()) {
			errors.reject("cairn.endpoint.fleetStatusMaxAge", "cairn.endpoint.fleet-status-max-age " + maxAge
					+ " is negative: use a duration such as 10s, or 0 to read the tenants on every request");
		}
		validateCommand(properties, errors);
	}

	/**
	 * Checks a track's tenants: where they come from, the workers and the shard.
	 * @param tenants the settings
	 * @param prefix {@code cairn.tracks.<name>.tenants.}
	 * @param reject takes the field and the message
	 */
	private static void validateTenants(Tenants tenants, String prefix, BiConsumer<String, String> reject) {
		boolean used = tenants.isConfigured();
		List<String> sources = new ArrayList<>();
		if (!tenants.getSchemas().isEmpty()) {
			sources.add(property(prefix, "schemas"));
		}
		if (StringUtils.hasText(tenants.getQuery())) {
			sources.add(property(prefix, "query"));
		}
		if (StringUtils.hasText(tenants.getSource())) {
			sources.add(property(prefix, "source"));
		}
		if (sources.size() > 1) {
			reject.accept("query", String.join(" and ", sources) + ((sources.size() == 2) ? " are both" : " are all")
					+ " set: the tenants come from one of them; remove the others");
		}
		validateTenantDatabases(tenants, prefix, reject);
		for (String schema : tenants.getSchemas()) {
			if (!StringUtils.hasText(schema)) {
				reject.accept("schemas", property(prefix, "schemas")
						+ " has an empty entry: give the tenants' schema names, such as acme,globex");
				break;
			}
		}
		Integer workers = tenants.getWorkers();
		if (workers != null && (workers < 1 || workers > 256)) {
			reject.accept("workers", property(prefix, "workers") + " " + workers
					+ " is outside 1..256: use how many tenants may migrate at once (each worker holds two connections)");
		}
		if (tenants.getShardCount() < 1) {
			reject.accept("shardCount", property(prefix, "shardCount") + " " + tenants.getShardCount()
					+ " is not positive: use the number of processes that migrate the fleet together (the Job's"
					+ " completions), or 1 for all tenants");
		}
		else if (tenants.getShardIndex() != null
				&& (tenants.getShardIndex() < 0 || tenants.getShardIndex() >= tenants.getShardCount())) {
			reject.accept("shardIndex", property(prefix, "shardIndex") + " " + tenants.getShardIndex() + " is outside 0.."
					+ (tenants.getShardCount() - 1) + " for " + property(prefix, "shardCount") + "="
					+ tenants.getShardCount() + ": the index counts from 0 and must be below the count");
		}
		if (tenants.getHealthFailureThreshold() < 0) {
			reject.accept("healthFailureThreshold", property(prefix, "healthFailureThreshold") + " "
					+ tenants.getHealthFailureThreshold() + " is negative: use 0 for DOWN on any failed tenant, or how"
					+ " many failed tenants health tolerates");
		}
		if (!used && (tenants.getShardIndex() != null || tenants.getShardCount() != 1 || workers != null
				|| !tenants.getSharedSchemas().isEmpty() || tenants.isCreateSchemas() || tenants.isPerDatabase())) {
			reject.accept("schemas", prefix + "* are set but none of " + property(prefix, "schemas") + ", "
					+ property(prefix, "query") + " and " + property(prefix, "source")
					+ " is: declare the tenants, or remove the tenant settings");
		}
	}

	/** Checks the settings of a fleet of one database per tenant. */
	private static void validateTenantDatabases(Tenants tenants, String prefix, BiConsumer<String, String> reject) {
		String template = tenants.getUrlTemplate();
		if (StringUtils.hasText(template) && StringUtils.hasText(tenants.getDatabases())) {
			reject.accept("urlTemplate", property(prefix, "urlTemplate") + " and " + property(prefix, "databases")
					+ " are both set: each tenant's database comes from one of them; remove the other");
		}
		// Never the value in a message: the failure report would print it, and a URL may carry a password.
		String mistake = StringUtils.hasText(template) ? TenantDatabases.templateMistake(template) : null;
		if (mistake != null) {
			reject.accept("urlTemplate", property(prefix, "urlTemplate") + " " + mistake);
		}
		if (tenants.isPerDatabase() && (!tenants.getSharedSchemas().isEmpty() || tenants.isCreateSchemas())) {
			reject.accept("sharedSchemas", property(prefix, "sharedSchemas") + " and " + property(prefix, "createSchemas")
					+ " apply to tenants that are schemas, but each tenant here is a database (the track's schema is"
					+ " used in each, and created as the track's create-schema says): remove them");
		}
	}

	/**
	 * Checks the settings of one track with the engine's own rules, one value at a time.
	 * @param track the track's settings
	 * @param prefix the properties' prefix, {@code cairn.} or {@code cairn.tracks.<name>.}
	 * @param reject takes the field and the message
	 */
	private static void validateTrack(TrackProperties track, String prefix, BiConsumer<String, String> reject) {
		checkValue(prefix, "locations", "locations", (builder) -> builder.locations(track.getLocations()), reject);
		checkValue(prefix, "schema", "schema", (builder) -> builder.schema(track.getSchema()), reject);
		if (track.getTable() != null) {
			checkValue(prefix, "table", "table", (builder) -> builder.table(track.getTable()), reject);
		}
		checkValue(prefix, "lockTimeout", "lockTimeout", (builder) -> builder.lockTimeout(track.getLockTimeout()),
				reject);
		checkValue(prefix, "validateGaps", "gapPolicy", (builder) -> builder.gapPolicy(track.getValidateGaps()), reject);
		checkValue(prefix, "validateDrift", "driftPolicy", (builder) -> builder.driftPolicy(track.getValidateDrift()),
				reject);
		checkValue(prefix, "validateUnknown", "unknownPolicy",
				(builder) -> builder.unknownPolicy(track.getValidateUnknown()), reject);
		checkValue(prefix, "validateFuture", "futurePolicy",
				(builder) -> builder.futurePolicy(track.getValidateFuture()), reject);
		checkValue(prefix, "recoveryPolicy", "recoveryPolicy",
				(builder) -> builder.recoveryPolicy(track.getRecoveryPolicy()), reject);
		if (track.getGolangMigrateTable() != null) {
			checkValue(prefix, "golangMigrateTable", "golangMigrateTable",
					(builder) -> builder.golangMigrateTable(track.getGolangMigrateTable()), reject);
		}
		if (track.getFlywayTable() != null) {
			checkValue(prefix, "flywayTable", "flywayTable", (builder) -> builder.flywayTable(track.getFlywayTable()),
					reject);
		}
		if (track.getGooseTable() != null) {
			checkValue(prefix, "gooseTable", "gooseTable", (builder) -> builder.gooseTable(track.getGooseTable()), reject);
		}
		if (track.getGormigrateTable() != null) {
			checkValue(prefix, "gormigrateTable", "gormigrateTable",
					(builder) -> builder.gormigrateTable(track.getGormigrateTable()), reject);
		}
		if (track.getPrismaTable() != null) {
			checkValue(prefix, "prismaTable", "prismaTable", (builder) -> builder.prismaTable(track.getPrismaTable()),
					reject);
		}
		for (String other : track.getAfter()) {
			checkValue(prefix, "after", "track", (builder) -> builder.track(other), (field, message) -> reject
				.accept(field, property(prefix, "after") + ": '" + other + "' is not a valid track name"));
		}
		String baselineVersion = track.getBaselineVersion();
		if (StringUtils.hasText(baselineVersion)) {
			try {
				Version.parse(baselineVersion.strip());
			}
			catch (IllegalArgumentException ex) {
				reject.accept("baselineVersion", property(prefix, "baselineVersion") + ": " + ex.getMessage()
						+ "; use one such as 41 or 2.1.3");
			}
		}
		else if (track.isBaselineOnMigrate()) {
			reject.accept("baselineVersion", property(prefix, "baselineVersion") + " is not set but "
					+ property(prefix, "baselineOnMigrate") + " is on: give the version the existing database is at");
		}
		String url = track.getUrl();
		if (StringUtils.hasText(url) && !url.startsWith("jdbc:")) {
			// Not the value: the failure report would print it, and a URL may carry a password.
			reject.accept("url", property(prefix, "url")
					+ " is not a JDBC URL: use one such as jdbc:postgresql://db.example.com:5432/orders");
		}
		if (StringUtils.hasText(track.getPassword()) && !track.hasOwnConnection()) {
			reject.accept("password", property(prefix, "password") + " is set but neither " + property(prefix, "url")
					+ " nor " + property(prefix, "user") + " is: set " + property(prefix, "user") + " (and "
					+ property(prefix, "url") + " for another database) or remove " + property(prefix, "password"));
		}
		validateSafeDdl(track, prefix, reject);
		// The message names the placeholder, never its value (it may be a password); see the reject callers.
		try {
			CairnConfiguration.builder().dataSource(UNUSED_DATA_SOURCE).placeholders(track.getPlaceholders()).build();
		}
		catch (CairnConfigurationException ex) {
			reject.accept("placeholders", reason(property(prefix, "placeholders"), "placeholder", ex.getMessage()));
		}
	}

	/**
	 * Checks a track's lock-wait and lint settings with the engine's rules.
	 */
	private static void validateSafeDdl(TrackProperties track, String prefix, BiConsumer<String, String> reject) {
		TrackProperties.LockWait wait = track.getLockWait();
		checkValue(prefix, "lockWait.lockTimeout", "statementLockTimeout",
				(builder) -> builder.statementLockTimeout(wait.getLockTimeout()), reject);
		checkValue(prefix, "lockWait.statementTimeout", "statementTimeout",
				(builder) -> builder.statementTimeout(wait.getStatementTimeout()), reject);
		checkValue(prefix, "lockWait.maxAttempts", "lockRetryAttempts",
				(builder) -> builder.lockRetryAttempts(wait.getMaxAttempts()), reject);
		checkValue(prefix, "lockWait.backoff", "lockRetryBackoff",
				(builder) -> builder.lockRetryBackoff(wait.getBackoff()), reject);
		for (String rule : track.getLint().getRules().keySet()) {
			if (LintRule.byId(rule).isEmpty()) {
				reject.accept("lint.rules", property(prefix, "lint.rules") + "." + rule + ": there is no such rule;"
						+ " known rules: " + String.join(", ", java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList()));
			}
		}
		DataSize largeTableSize = track.getLint().getLargeTableSize();
		if (largeTableSize == null || largeTableSize.isNegative()) {
			reject.accept("lint.largeTableSize", property(prefix, "lint.largeTableSize")
					+ " must be a size such as 10MB, or 0 to treat every table as large");
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
			if (versionFromBaselineVersion && field.equals("version")) {
				return;
			}
			if (argumentIsSet(properties, field)) {
				errors.rejectValue(field, "cairn." + field, message);
			}
			else {
				// A missing argument has no value to show: the report would print Value: "null".
				errors.reject("cairn." + field, message);
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

	private static void checkValue(String prefix, String field, String engineSetting,
			UnaryOperator<CairnConfiguration.Builder> setting, BiConsumer<String, String> reject) {
		try {
			setting.apply(CairnConfiguration.builder().dataSource(UNUSED_DATA_SOURCE)).build();
		}
		catch (CairnConfigurationException ex) {
			reject.accept(field, reason(property(prefix, field), engineSetting, ex.getMessage()));
		}
	}

	private static String property(String prefix, String field) {
		return prefix + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
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

		/**
		 * How long /actuator/migrations reuses a tenant fleet's status before reading every
		 * tenant again; 0 reads on every request.
		 */
		private Duration fleetStatusMaxAge = TenantFleets.DEFAULT_STATUS_MAX_AGE;

		public WriteOperations getWriteOperations() {
			return this.writeOperations;
		}

		public Duration getFleetStatusMaxAge() {
			return this.fleetStatusMaxAge;
		}

		public void setFleetStatusMaxAge(Duration fleetStatusMaxAge) {
			this.fleetStatusMaxAge = fleetStatusMaxAge;
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

			/**
			 * Whether write operations run for unauthenticated callers. Only for an endpoint no
			 * one else can reach (a management port on a private network): without it, write
			 * operations need Spring Security and an authenticated caller.
			 */
			private boolean allowAnonymous = false;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public boolean isAllowAnonymous() {
				return this.allowAnonymous;
			}

			public void setAllowAnonymous(boolean allowAnonymous) {
				this.allowAnonymous = allowAnonymous;
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

	/**
	 * One track under {@code cairn.tracks.<name>}: a track's settings, and whether it runs.
	 */
	public static class Track extends TrackProperties {

		/**
		 * Whether the track runs; a disabled track is listed as disabled and never touched.
		 */
		private boolean enabled = true;

		/**
		 * Tenants of the track: with schemas or a query set, the track is a tenant fleet and
		 * its migrations are applied to every tenant's schema instead of one schema.
		 */
		private final Tenants tenants = new Tenants();

		public Track() {
			// Derived from the track's name unless set.
			setTable(null);
			setGolangMigrateTable(null);
			setFlywayTable(null);
			setGooseTable(null);
			setGormigrateTable(null);
			setPrismaTable(null);
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Tenants getTenants() {
			return this.tenants;
		}

	}

	/**
	 * The tenants of a tenant fleet under {@code cairn.tracks.<name>.tenants}.
	 */
	public static class Tenants {

		/**
		 * Schemas of the tenants, each with its own history table and lock.
		 */
		private List<String> schemas = new ArrayList<>();

		/**
		 * Query whose first column is the tenants' schema names, run at the start of every fleet run.
		 */
		private @Nullable String query;

		/**
		 * Name of a TenantSource bean that lists the tenants, asked at the start of every fleet run.
		 */
		private @Nullable String source;

		/**
		 * JDBC URL of each tenant's database, with {tenant} where its name goes; makes each tenant a database.
		 */
		private @Nullable String urlTemplate;

		/**
		 * Name of a TenantDatabases bean giving each tenant's DataSource; makes each tenant a database.
		 */
		private @Nullable String databases;

		/**
		 * How many tenants are migrated at once (each worker holds two connections); by default
		 * the machine's processors, at most 4.
		 */
		private @Nullable Integer workers;

		/**
		 * What a failing tenant does to the others: continue (the default) or stop.
		 */
		private FleetFailurePolicy failurePolicy = FleetFailurePolicy.CONTINUE;

		/**
		 * Whether a tenant's missing schema is created; off, a missing schema fails that tenant.
		 */
		private boolean createSchemas = false;

		/**
		 * Schemas searched after the tenant's own, such as public where extensions live.
		 */
		private List<String> sharedSchemas = new ArrayList<>();

		/**
		 * Which shard of the fleet cairn.command migrates, from 0; by default JOB_COMPLETION_INDEX.
		 */
		private @Nullable Integer shardIndex;

		/**
		 * How many shards cairn.command cuts the fleet into, such as an Indexed Job's completions.
		 */
		private int shardCount = 1;

		/**
		 * How many failed tenants of the last run health tolerates; more is DOWN (0, the default: any failure).
		 */
		private int healthFailureThreshold = 0;

		/** Whether tenants are declared, which makes the track a fleet. */
		public boolean isConfigured() {
			return !this.schemas.isEmpty() || StringUtils.hasText(this.query) || StringUtils.hasText(this.source);
		}

		/** Whether each tenant is a database of its own rather than a schema. */
		public boolean isPerDatabase() {
			return StringUtils.hasText(this.urlTemplate) || StringUtils.hasText(this.databases);
		}

		public List<String> getSchemas() {
			return this.schemas;
		}

		public void setSchemas(List<String> schemas) {
			this.schemas = schemas;
		}

		public @Nullable String getQuery() {
			return this.query;
		}

		public void setQuery(@Nullable String query) {
			this.query = query;
		}

		public @Nullable String getSource() {
			return this.source;
		}

		public void setSource(@Nullable String source) {
			this.source = source;
		}

		public @Nullable String getUrlTemplate() {
			return this.urlTemplate;
		}

		public void setUrlTemplate(@Nullable String urlTemplate) {
			this.urlTemplate = urlTemplate;
		}

		public @Nullable String getDatabases() {
			return this.databases;
		}

		public void setDatabases(@Nullable String databases) {
			this.databases = databases;
		}

		public @Nullable Integer getWorkers() {
			return this.workers;
		}

		public void setWorkers(@Nullable Integer workers) {
			this.workers = workers;
		}

		public FleetFailurePolicy getFailurePolicy() {
			return this.failurePolicy;
		}

		public void setFailurePolicy(FleetFailurePolicy failurePolicy) {
			this.failurePolicy = failurePolicy;
		}

		public boolean isCreateSchemas() {
			return this.createSchemas;
		}

		public void setCreateSchemas(boolean createSchemas) {
			this.createSchemas = createSchemas;
		}

		public List<String> getSharedSchemas() {
			return this.sharedSchemas;
		}

		public void setSharedSchemas(List<String> sharedSchemas) {
			this.sharedSchemas = sharedSchemas;
		}

		public @Nullable Integer getShardIndex() {
			return this.shardIndex;
		}

		public void setShardIndex(@Nullable Integer shardIndex) {
			this.shardIndex = shardIndex;
		}

		public int getShardCount() {
			return this.shardCount;
		}

		public void setShardCount(int shardCount) {
			this.shardCount = shardCount;
		}

		public int getHealthFailureThreshold() {
			return this.healthFailureThreshold;
		}

		public void setHealthFailureThreshold(int healthFailureThreshold) {
			this.healthFailureThreshold = healthFailureThreshold;
		}

	}

}
