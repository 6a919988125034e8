package dev.cairn.cli;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every verb takes, before or after the verb ({@code cairn -path db up} and
 * {@code cairn up --path db} are the same). Values are kept as given; {@link Settings} merges
 * them with the environment and the config file and checks them, naming where each came from.
 * golang-migrate's and dbmate's spellings are accepted next to Cairn's.
 */
final class GlobalOptions {

	@Option(names = { "--database", "-database", "--url", "-u" }, paramLabel = "URL", scope = ScopeType.INHERIT,
			description = "The database: postgres://user:password@host:5432/db?sslmode=disable or a JDBC URL"
					+ " (jdbc:postgresql://...). Env: CAIRN_URL, then DATABASE_URL.")
	@Nullable String url;

	@Option(names = { "--path", "-path", "--source", "-source", "--migrations-dir", "-d" }, paramLabel = "DIR",
			scope = ScopeType.INHERIT,
			description = "A migrations folder (file://DIR and filesystem:DIR too); repeat for several. Env: CAIRN_LOCATIONS"
					+ " (comma-separated). Default: db/migrations.")
	List<String> locations = new ArrayList<>();

	@Option(names = { "--user", "-user" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "The database user, if the URL has none. Env: CAIRN_USER.")
	@Nullable String user;

	@Option(names = { "--password", "-password" }, paramLabel = "SECRET", scope = ScopeType.INHERIT,
			description = "The password, if the URL has none; visible to other users in the process list, so prefer"
					+ " the environment variable CAIRN_PASSWORD.")
	@Nullable String password;

	@Option(names = { "--config", "-config" }, paramLabel = "FILE", scope = ScopeType.INHERIT,
			description = "A properties file of cairn.* settings. Env: CAIRN_CONFIG. Default: ./cairn.properties if it exists.")
	@Nullable String config;

	@Option(names = { "--track", "-track" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "The track's name, as the history records it. Default: default.")
	@Nullable String track;

	@Option(names = { "--schema", "-schema" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "The schema of the history table. Default: public.")
	@Nullable String schema;

	@Option(names = { "--table", "-table" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "The history table. Default: cairn_history.")
	@Nullable String table;

	@Option(names = { "--lock-timeout", "-lock-timeout" }, paramLabel = "DURATION", scope = ScopeType.INHERIT,
			description = "How long to wait for another run's lock: seconds (15), 30s, 5m or PT5M. Default: 5m.")
	@Nullable String lockTimeout;

	@Option(names = { "--connect-timeout", "-connect-timeout" }, paramLabel = "DURATION", scope = ScopeType.INHERIT,
			description = "How long to keep trying while the database cannot be reached; 0 tries once. Default: 10s.")
	@Nullable String connectTimeout;

	@Option(names = { "--validate-gaps" }, paramLabel = "POLICY", scope = ScopeType.INHERIT,
			description = "Pending versions below the highest applied one: FAIL, WARN or IGNORE. Default: WARN.")
	@Nullable String validateGaps;

	@Option(names = { "--validate-drift" }, paramLabel = "POLICY", scope = ScopeType.INHERIT,
			description = "Applied files changed since: FAIL, WARN or IGNORE. Default: FAIL.")
	@Nullable String validateDrift;

	@Option(names = { "--validate-unknown" }, paramLabel = "POLICY", scope = ScopeType.INHERIT,
			description = "Applied versions without a file: FAIL, WARN or IGNORE. Default: FAIL.")
	@Nullable String validateUnknown;

	@Option(names = { "--validate-future" }, paramLabel = "POLICY", scope = ScopeType.INHERIT,
			description = "History written by a newer Cairn: FAIL, WARN or IGNORE. Default: WARN.")
	@Nullable String validateFuture;

	@Option(names = { "--recovery-policy" }, paramLabel = "POLICY", scope = ScopeType.INHERIT,
			description = "An interrupted non-transactional migration: FAIL or ROLLBACK_AND_RETRY. Default: FAIL.")
	@Nullable String recoveryPolicy;

	@Option(names = { "--takeover" }, paramLabel = "BOOLEAN", scope = ScopeType.INHERIT,
			description = "Take over golang-migrate's or Flyway's history when Cairn's is empty: true or false. Default: true.")
	@Nullable String takeover;

	@Option(names = { "--golang-migrate-table" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "golang-migrate's history table (also x-migrations-table in the URL). Default: schema_migrations.")
	@Nullable String golangMigrateTable;

	@Option(names = { "--flyway-table" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "Flyway's history table. Default: flyway_schema_history.")
	@Nullable String flywayTable;

	@Option(names = { "--installed-by" }, paramLabel = "NAME", scope = ScopeType.INHERIT,
			description = "Who history records as applying migrations. Default: the database user.")
	@Nullable String installedBy;

	@Option(names = { "--json", "-json" }, scope = ScopeType.INHERIT,
			description = "Print the result as JSON (for scripts) instead of text.")
	boolean json;

	@Option(names = { "--verbose", "-verbose" }, scope = ScopeType.INHERIT,
			description = "Log what the engine does to standard error.")
	boolean verbose;

}
