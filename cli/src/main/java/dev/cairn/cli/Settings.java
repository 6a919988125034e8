package dev.cairn.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintRule;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.ValidationPolicy;

/**
 * Where each setting comes from, first found wins: the command-line option, the environment
 * variable ({@code CAIRN_} and the key in upper case, {@code -} as {@code _}), the config file
 * ({@code cairn.} and the key), the default. Every bad value is reported at once, each naming
 * its source, so the user knows which of the three to fix.
 */
final class Settings {

	/** The default migrations folder, relative to the working directory. */
	static final String DEFAULT_PATH = "db/migrations";

	/** A command line waits less for an unreachable server than a service starting up. */
	static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final String DEFAULT_CONFIG = "cairn.properties";

	/** The config file's prefix of a linter rule's policy, as the starter's {@code cairn.lint.rules.<rule>}. */
	static final String LINT_RULES = "cairn.lint.rules.";

	/** The keys of the config file, without the {@code cairn.} prefix, and their options. */
	static final Map<String, Function<GlobalOptions, @Nullable String>> KEYS = keys();

	private final GlobalOptions options;

	private final Map<String, String> environment;

	private final Properties file = new Properties();

	private @Nullable Path configFile;

	private final List<String> mistakes = new ArrayList<>();

	Settings(GlobalOptions options, Map<String, String> environment) {
		this.options = options;
		this.environment = environment;
		readConfigFile();
	}

	private static Map<String, Function<GlobalOptions, @Nullable String>> keys() {
		Map<String, Function<GlobalOptions, @Nullable String>> keys = new LinkedHashMap<>();
		keys.put("url", (o) -> o.url);
		keys.put("locations", (o) -> o.locations.isEmpty() ? null : String.join(",", o.locations));
		keys.put("user", (o) -> o.user);
		keys.put("password", (o) -> o.password);
		keys.put("track", (o) -> o.track);
		keys.put("schema", (o) -> o.schema);
		keys.put("table", (o) -> o.table);
		keys.put("lock-timeout", (o) -> o.lockTimeout);
		keys.put("connect-timeout", (o) -> o.connectTimeout);
		keys.put("validate-gaps", (o) -> o.validateGaps);
		keys.put("validate-drift", (o) -> o.validateDrift);
		keys.put("validate-unknown", (o) -> o.validateUnknown);
		keys.put("validate-future", (o) -> o.validateFuture);
		keys.put("recovery-policy", (o) -> o.recoveryPolicy);
		keys.put("takeover", (o) -> o.takeover);
		keys.put("golang-migrate-table", (o) -> o.golangMigrateTable);
		keys.put("flyway-table", (o) -> o.flywayTable);
		keys.put("installed-by", (o) -> o.installedBy);
		return keys;
	}

	/** A value and where it came from, for messages. */
	record Value(String text, String source) {
	}

	private void readConfigFile() {
		String named = (this.options.config != null) ? this.options.config : this.environment.get("CAIRN_CONFIG");
		Path path = Path.of((named != null) ? named : DEFAULT_CONFIG);
		if (named == null && !Files.isRegularFile(path)) {
			return;
		}
		String source = (this.options.config != null) ? "--config" : (named != null) ? "CAIRN_CONFIG" : "the default";
		if (!Files.isRegularFile(path)) {
			throw new CairnConfigurationException("The config file " + path.toAbsolutePath() + " (from " + source
					+ ") does not exist: create it or remove " + source);
		}
		try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			this.file.load(reader);
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new CairnConfigurationException("Cannot read the config file " + path.toAbsolutePath() + ": "
					+ ex.getMessage());
		}
		this.configFile = path;
		List<String> unknown = new ArrayList<>();
		for (String key : this.file.stringPropertyNames()) {
			if (key.startsWith(LINT_RULES)) {
				continue; // checked, each naming its key, when read
			}
			if (!key.startsWith("cairn.") || !KEYS.containsKey(key.substring("cairn.".length()))) {
				unknown.add(key);
			}
		}
		if (!unknown.isEmpty()) {
			throw new CairnConfigurationException("The config file " + path + " has unknown keys " + unknown.stream().sorted().toList()
					+ ": the keys are " + KEYS.keySet().stream().map((key) -> "cairn." + key).toList() + " and "
					+ LINT_RULES + "<rule>");
		}
	}

	/**
	 * The value of a setting, from the first source that has one.
	 * @param key the key, without {@code cairn.}
	 * @return the value, or {@code null} for the default
	 */
	@Nullable Value value(String key) {
		String option = KEYS.get(key).apply(this.options);
		if (option != null) {
			return new Value(option, "--" + key.replace("locations", "path").replace("url", "database"));
		}
		String variable = environmentVariable(key);
		String env = this.environment.get(variable);
		if (env != null && !env.isEmpty()) {
			return new Value(env, "the environment variable " + variable);
		}
		if (key.equals("url") && this.environment.get("DATABASE_URL") != null
				&& !this.environment.get("DATABASE_URL").isEmpty()) {
			return new Value(this.environment.get("DATABASE_URL"), "the environment variable DATABASE_URL");
		}
		String property = this.file.getProperty("cairn." + key);
		if (property != null && !property.isBlank()) {
			return new Value(property.strip(), "cairn." + key + " in " + this.configFile);
		}
		return null;
	}

	static String environmentVariable(String key) {
		return "CAIRN_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
	}

	/**
	 * The migrations folders, as filesystem paths.
	 * @return the folders, the default one if none is set
	 */
	List<Path> folders() {
		Value value = value("locations");
		if (value == null) {
			return List.of(Path.of(DEFAULT_PATH));
		}
		List<Path> folders = new ArrayList<>();
		for (String each : value.text().split(",")) {
			String location = each.strip();
			if (location.startsWith("file://")) {
				location = location.substring("file://".length());
			}
			else if (location.startsWith("filesystem:")) {
				location = location.substring("filesystem:".length());
			}
			else if (location.startsWith("classpath:")) {
				throw new CairnConfigurationException(value.source() + " '" + location + "' is a classpath location: the"
						+ " command line reads folders; give the folder's path");
			}
			if (location.isEmpty()) {
				throw new CairnConfigurationException(value.source() + " has an empty path: give a migrations folder");
			}
			folders.add(Path.of(location));
		}
		return folders;
	}

	/**
	 * The engine's configuration.
	 * @return the checked configuration
	 * @throws CairnConfigurationException naming every bad setting and its source
	 */
	CairnConfiguration configuration() {
		CairnConfiguration.Builder builder = CairnConfiguration.builder();
		builder.dataSource(dataSource(builder));
		List<String> locations = new ArrayList<>();
		try {
			for (Path folder : folders()) {
				locations.add("filesystem:" + folder.toAbsolutePath().normalize());
			}
			builder.locations(locations);
		}
		catch (CairnConfigurationException ex) {
			this.mistakes.add(ex.getMessage());
		}
		text("track", builder::track);
		text("schema", builder::schema);
		text("table", builder::table);
		text("golang-migrate-table", builder::golangMigrateTable);
		text("flyway-table", builder::flywayTable);
		text("installed-by", builder::installedBy);
		builder.connectTimeout(DEFAULT_CONNECT_TIMEOUT);
		convert("lock-timeout", (v) -> DurationValue.parse(v.text(), v.source()), builder::lockTimeout);
		convert("connect-timeout", (v) -> DurationValue.parse(v.text(), v.source()), builder::connectTimeout);
		convert("validate-gaps", (v) -> policy(v), builder::gapPolicy);
		convert("validate-drift", (v) -> policy(v), builder::driftPolicy);
		convert("validate-unknown", (v) -> policy(v), builder::unknownPolicy);
		convert("validate-future", (v) -> policy(v), builder::futurePolicy);
		convert("recovery-policy", (v) -> recovery(v), builder::recoveryPolicy);
		convert("takeover", (v) -> bool(v), builder::takeover);
		try {
			builder.lintPolicies(lintPolicies());
		}
		catch (CairnConfigurationException ex) {
			this.mistakes.add(ex.getMessage());
		}
		try {
			CairnConfiguration configuration = builder.build();
			if (this.mistakes.isEmpty()) {
				return configuration;
			}
		}
		catch (CairnConfigurationException ex) {
			// The engine's own checks (names, ranges), each told where its value came from.
			ex.getMessage().lines().filter((line) -> line.startsWith("  - ")).map((line) -> line.substring(4))
				.filter((line) -> !line.startsWith("dataSource "))
				.forEach((line) -> this.mistakes.add(line + sourceOf(line)));
		}
		throw new CairnConfigurationException("Invalid settings:\n  - " + String.join("\n  - ", this.mistakes));
	}

	/**
	 * The linter's policies the config file sets ({@code cairn.lint.rules.<rule>=fail|warn|off});
	 * rules it does not name warn.
	 * @return the policies
	 * @throws CairnConfigurationException naming every unknown rule or policy and its key
	 */
	Map<LintRule, LintPolicy> lintPolicies() {
		Map<LintRule, LintPolicy> policies = new EnumMap<>(LintRule.class);
		List<String> wrong = new ArrayList<>();
		for (String key : this.file.stringPropertyNames().stream().sorted().toList()) {
			if (!key.startsWith(LINT_RULES)) {
				continue;
			}
			String source = key + " in " + this.configFile;
			try {
				policies.put(lintRule(key.substring(LINT_RULES.length()), source),
						lintPolicy(this.file.getProperty(key), source));
			}
			catch (IllegalArgumentException ex) {
				wrong.add(ex.getMessage());
			}
		}
		if (!wrong.isEmpty()) {
			throw new CairnConfigurationException(String.join("\n  - ", wrong));
		}
		return policies;
	}

	/** A rule by its id, or an error naming where the id came from and the known ones. */
	static LintRule lintRule(String id, String source) {
		return LintRule.byId(id).orElseThrow(() -> new IllegalArgumentException(source + ": there is no lint rule '"
				+ id + "': the rules are " + java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList()));
	}

	/** A policy by name, or an error naming where it came from. */
	static LintPolicy lintPolicy(String text, String source) {
		try {
			return LintPolicy.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(source + ": '" + text + "' is not a lint policy: use fail, warn or off");
		}
	}

	private PGSimpleDataSource dataSource(CairnConfiguration.Builder builder) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		Value url = value("url");
		if (url == null) {
			this.mistakes.add("No database given: use --database postgres://user@host:5432/db (or a JDBC URL), the"
					+ " environment variable CAIRN_URL or DATABASE_URL, or cairn.url in " + DEFAULT_CONFIG);
			return dataSource;
		}
		DatabaseUrl parsed;
		try {
			parsed = DatabaseUrl.parse(url.text(), url.source());
			dataSource.setUrl(parsed.jdbcUrl());
		}
		catch (IllegalArgumentException ex) {
			this.mistakes.add(dev.cairn.core.Secrets.mask(ex.getMessage()));
			return dataSource;
		}
		Value user = value("user");
		Value password = value("password");
		if (parsed.user() != null) {
			dataSource.setUser(parsed.user());
		}
		if (user != null) {
			dataSource.setUser(user.text());
		}
		if (parsed.password() != null) {
			dataSource.setPassword(parsed.password());
		}
		if (password != null) {
			dataSource.setPassword(password.text());
		}
		if (parsed.migrationsTable() != null && value("golang-migrate-table") == null) {
			builder.golangMigrateTable(parsed.migrationsTable());
		}
		String lower = parsed.jdbcUrl().toLowerCase(Locale.ROOT);
		if (!lower.contains("applicationname=")) {
			// Shown in pg_stat_activity, and by Cairn when another run waits for this one's lock.
			dataSource.setApplicationName("cairn-cli");
		}
		if (!lower.contains("connecttimeout=")) {
			dataSource.setConnectTimeout(5);
		}
		return dataSource;
	}

	private String sourceOf(String mistake) {
		String setting = mistake.contains(" ") ? mistake.substring(0, mistake.indexOf(' ')) : mistake;
		String key = setting.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
		Value value = KEYS.containsKey(key) ? value(key) : null;
		return (value != null) ? " (from " + value.source() + ")" : "";
	}

	private void text(String key, java.util.function.Consumer<String> setter) {
		Value value = value(key);
		if (value != null) {
			setter.accept(value.text());
		}
	}

	private <T> void convert(String key, Function<Value, T> parser, java.util.function.Consumer<T> setter) {
		Value value = value(key);
		if (value == null) {
			return;
		}
		try {
			setter.accept(parser.apply(value));
		}
		catch (IllegalArgumentException ex) {
			this.mistakes.add(ex.getMessage());
		}
	}

	private static ValidationPolicy policy(Value value) {
		try {
			return ValidationPolicy.valueOf(value.text().strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(value.source() + " '" + value.text() + "' is not a policy: use FAIL, WARN or IGNORE");
		}
	}

	private static RecoveryPolicy recovery(Value value) {
		try {
			return RecoveryPolicy.valueOf(value.text().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(value.source() + " '" + value.text()
					+ "' is not a recovery policy: use FAIL or ROLLBACK_AND_RETRY");
		}
	}

	private static boolean bool(Value value) {
		return switch (value.text().strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new IllegalArgumentException(value.source() + " '" + value.text()
					+ "' is not a boolean: use true or false");
		};
	}

}
