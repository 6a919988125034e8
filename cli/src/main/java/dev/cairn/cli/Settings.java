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

	/** The config file's prefix of a track's settings, as the starter's {@code cairn.tracks.<name>.*}. */
	static final String TRACKS = "cairn.tracks.";

	/** The keys every track shares when {@code cairn.tracks.*} declares several; the others are per track. */
	static final List<String> SHARED_KEYS = List.of("url", "user", "password", "connect-timeout", "installed-by", "track");

	/** The keys a track takes under {@code cairn.tracks.<name>.}, besides {@code lint.rules.<rule>}. */
	static final List<String> TRACK_KEYS = List.of("locations", "schema", "table", "lock-timeout", "validate-gaps",
			"validate-drift", "validate-unknown", "validate-future", "recovery-policy", "takeover", "golang-migrate-table",
			"flyway-table", "enabled", "after");

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
			if (key.startsWith(LINT_RULES) || key.startsWith(TRACKS) || key.startsWith("cairn.tracks[")) {
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
		return folders(value);
	}

	private static List<Path> folders(Value value) {
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
		shared(builder);
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
		perTrack(this::value, builder);
		try {
			builder.lintPolicies(lintPolicies());
		}
		catch (CairnConfigurationException ex) {
			this.mistakes.add(ex.getMessage());
		}
		return build(builder, "");
	}

	/** The settings every track takes from the top level: the database, the connect timeout, installed-by. */
	private void shared(CairnConfiguration.Builder builder) {
		builder.dataSource(dataSource(builder));
		text("installed-by", builder::installedBy);
		builder.connectTimeout(DEFAULT_CONNECT_TIMEOUT);
		convert("connect-timeout", (v) -> DurationValue.parse(v.text(), v.source()), builder::connectTimeout);
	}

	/** The per-track settings, each read through {@code source}. */
	private void perTrack(Function<String, @Nullable Value> source, CairnConfiguration.Builder builder) {
		text(source, "schema", builder::schema);
		text(source, "table", builder::table);
		text(source, "golang-migrate-table", builder::golangMigrateTable);
		text(source, "flyway-table", builder::flywayTable);
		convert(source, "lock-timeout", (v) -> DurationValue.parse(v.text(), v.source()), builder::lockTimeout);
		convert(source, "validate-gaps", (v) -> policy(v), builder::gapPolicy);
		convert(source, "validate-drift", (v) -> policy(v), builder::driftPolicy);
		convert(source, "validate-unknown", (v) -> policy(v), builder::unknownPolicy);
		convert(source, "validate-future", (v) -> policy(v), builder::futurePolicy);
		convert(source, "recovery-policy", (v) -> recovery(v), builder::recoveryPolicy);
		convert(source, "takeover", (v) -> bool(v), builder::takeover);
	}

	private CairnConfiguration build(CairnConfiguration.Builder builder, String track) {
		CairnConfiguration configuration = tryBuild(builder, track);
		if (configuration != null && this.mistakes.isEmpty()) {
			return configuration;
		}
		throw new CairnConfigurationException("Invalid settings:\n  - " + String.join("\n  - ", this.mistakes));
	}

	/** The configuration, or {@code null} with the engine's own checks (names, ranges) added to the mistakes. */
	private @Nullable CairnConfiguration tryBuild(CairnConfiguration.Builder builder, String track) {
		try {
			return builder.build();
		}
		catch (CairnConfigurationException ex) {
			// Each told where its value came from.
			ex.getMessage().lines().filter((line) -> line.startsWith("  - ")).map((line) -> line.substring(4))
				.filter((line) -> !line.startsWith("dataSource "))
				.forEach((line) -> this.mistakes.add(track + line + (track.isEmpty() ? sourceOf(line) : "")));
			return null;
		}
	}

	/**
	 * Whether the config file declares tracks ({@code cairn.tracks.<name>.*}).
	 * @return whether it does
	 */
	boolean hasTracks() {
		return !trackNames().isEmpty();
	}

	/** The tracks the file declares, by name, with each one's keys (without the prefix) and the file's key. */
	private Map<String, Map<String, String>> trackNames() {
		Map<String, Map<String, String>> tracks = new java.util.TreeMap<>();
		for (String key : this.file.stringPropertyNames()) {
			String name;
			String rest;
			if (key.startsWith("cairn.tracks[")) {
				int close = key.indexOf(']');
				if (close < 0 || close + 1 >= key.length() || key.charAt(close + 1) != '.') {
					throw new CairnConfigurationException(key + " in " + this.configFile + " is not a track's key: write"
							+ " cairn.tracks[<name>].<key>");
				}
				name = key.substring("cairn.tracks[".length(), close);
				rest = key.substring(close + 2);
			}
			else if (key.startsWith(TRACKS)) {
				int dot = key.indexOf('.', TRACKS.length());
				if (dot < 0) {
					throw new CairnConfigurationException(key + " in " + this.configFile + " is not a track's key: write"
							+ " cairn.tracks.<name>.<key>");
				}
				name = key.substring(TRACKS.length(), dot);
				rest = key.substring(dot + 1);
			}
			else {
				continue;
			}
			tracks.computeIfAbsent(name, (each) -> new java.util.TreeMap<>()).put(rest, key);
		}
		return tracks;
	}

	/**
	 * One configuration per track the config file declares, in name order ({@code after} moves a
	 * track behind others): the shared settings from the top level, the rest from
	 * {@code cairn.tracks.<name>.*}, the history and legacy tables named after the track unless set.
	 * @return the configurations
	 * @throws CairnConfigurationException naming every bad setting and its key
	 */
	List<CairnConfiguration> trackConfigurations() {
		List<String> misplaced = new ArrayList<>();
		for (String key : KEYS.keySet()) {
			Value value = SHARED_KEYS.contains(key) ? null : value(key);
			if (value != null) {
				misplaced.add(value.source() + " sets " + key + " for one track, but " + this.configFile + " declares"
						+ " tracks (cairn.tracks.*): set it per track, as cairn.tracks.<name>." + key);
			}
		}
		if (!misplaced.isEmpty()) {
			throw new CairnConfigurationException("Invalid settings:\n  - " + String.join("\n  - ", misplaced));
		}
		List<CairnConfiguration> configurations = new ArrayList<>();
		for (Map.Entry<String, Map<String, String>> track : trackNames().entrySet()) {
			String name = track.getKey();
			Map<String, String> keys = track.getValue();
			for (Map.Entry<String, String> key : keys.entrySet()) {
				if (!TRACK_KEYS.contains(key.getKey()) && !key.getKey().startsWith("lint.rules.")) {
					this.mistakes.add(key.getValue() + " in " + this.configFile + " is unknown: a track's keys are "
							+ TRACK_KEYS + " and lint.rules.<rule>");
				}
			}
			Function<String, @Nullable Value> source = (key) -> {
				String fileKey = keys.get(key);
				String text = (fileKey != null) ? this.file.getProperty(fileKey) : null;
				return (text != null && !text.isBlank()) ? new Value(text.strip(), fileKey + " in " + this.configFile) : null;
			};
			CairnConfiguration.Builder builder = CairnConfiguration.builder().track(name);
			shared(builder);
			builder.tablesNamedAfter(name);
			Value locations = source.apply("locations");
			if (locations == null) {
				this.mistakes.add(TRACKS + name + ".locations is missing in " + this.configFile
						+ ": give the track's migrations folder");
			}
			else {
				try {
					builder.locations(folders(locations).stream()
						.map((folder) -> "filesystem:" + folder.toAbsolutePath().normalize()).toList());
				}
				catch (CairnConfigurationException ex) {
					this.mistakes.add(ex.getMessage());
				}
			}
			perTrack(source, builder);
			convert(source, "enabled", (v) -> bool(v), builder::enabled);
			text(source, "after", (after) -> builder.after(java.util.Arrays.stream(after.split(",")).map(String::strip)
				.filter((each) -> !each.isEmpty()).toList()));
			try {
				builder.lintPolicies(trackLintPolicies(name));
			}
			catch (CairnConfigurationException ex) {
				this.mistakes.add(ex.getMessage());
			}
			CairnConfiguration configuration = tryBuild(builder, "track '" + name + "': ");
			if (configuration != null) {
				configurations.add(configuration);
			}
		}
		if (!this.mistakes.isEmpty()) {
			throw new CairnConfigurationException("Invalid settings:\n  - " + String.join("\n  - ", this.mistakes));
		}
		return configurations;
	}

	/**
	 * A declared track's linter policies: the top-level {@code cairn.lint.rules.<rule>}, then the
	 * track's own {@code cairn.tracks.<name>.lint.rules.<rule>}.
	 * @param name the track
	 * @return the policies
	 * @throws CairnConfigurationException naming every unknown rule or policy and its key
	 */
	Map<LintRule, LintPolicy> trackLintPolicies(String name) {
		Map<LintRule, LintPolicy> policies = new EnumMap<>(LintRule.class);
		policies.putAll(lintPolicies());
		List<String> wrong = new ArrayList<>();
		for (Map.Entry<String, String> key : trackNames().getOrDefault(name, Map.of()).entrySet()) {
			if (key.getKey().startsWith("lint.rules.")) {
				String where = key.getValue() + " in " + this.configFile;
				try {
					policies.put(lintRule(key.getKey().substring("lint.rules.".length()), where),
							lintPolicy(this.file.getProperty(key.getValue()), where));
				}
				catch (IllegalArgumentException ex) {
					wrong.add(ex.getMessage());
				}
			}
		}
		if (!wrong.isEmpty()) {
			throw new CairnConfigurationException(String.join("\n  - ", wrong));
		}
		return policies;
	}

	/**
	 * The folders of each track the config file declares, by name, for verbs that need no
	 * database ({@code lint}).
	 * @return the folders by track name, in name order
	 * @throws CairnConfigurationException if a track has no {@code locations}
	 */
	Map<String, List<Path>> trackFolders() {
		Map<String, List<Path>> folders = new LinkedHashMap<>();
		for (Map.Entry<String, Map<String, String>> track : trackNames().entrySet()) {
			String key = track.getValue().get("locations");
			String text = (key != null) ? this.file.getProperty(key) : null;
			if (text == null || text.isBlank()) {
				throw new CairnConfigurationException(TRACKS + track.getKey() + ".locations is missing in "
						+ this.configFile + ": give the track's migrations folder");
			}
			folders.put(track.getKey(), folders(new Value(text.strip(), key + " in " + this.configFile)));
		}
		return folders;
	}

	/**
	 * The tracks a command runs on: {@code --track} (or {@code CAIRN_TRACK}, {@code cairn.track})
	 * as a name or names separated by commas; empty for every enabled track.
	 * @return the names
	 */
	List<String> trackSelection() {
		Value value = value("track");
		if (value == null || !hasTracks()) {
			return List.of();
		}
		return java.util.Arrays.stream(value.text().split(",")).map(String::strip).filter((name) -> !name.isEmpty())
			.toList();
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
		text(this::value, key, setter);
	}

	private void text(Function<String, @Nullable Value> source, String key, java.util.function.Consumer<String> setter) {
		Value value = source.apply(key);
		if (value != null) {
			setter.accept(value.text());
		}
	}

	private <T> void convert(String key, Function<Value, T> parser, java.util.function.Consumer<T> setter) {
		convert(this::value, key, parser, setter);
	}

	private <T> void convert(Function<String, @Nullable Value> source, String key, Function<Value, T> parser,
			java.util.function.Consumer<T> setter) {
		Value value = source.apply(key);
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
