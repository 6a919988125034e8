package dev.cairn.core.catalogue;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.Version;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration: names that are not identifiers, timeouts, unset policies, and databases the
 * configured user cannot change.
 */
abstract class ConfigurationCases extends CatalogueCases {

	static final String AT_BUILD = "refused when the configuration is built";

	static Stream<Arguments> identifiers() {
		return Stream.of(Arguments.of("config-01", "table", "x; drop table y"),
				Arguments.of("config-02", "schema", "public\"; DROP SCHEMA public CASCADE; --"),
				Arguments.of("config-03", "table", "h".repeat(64)),
				Arguments.of("config-04", "golangMigrateTable", "schema_migrations WHERE pg_sleep(10) IS NULL"),
				Arguments.of("config-05", "flywayTable", "flyway_schema_history\"--"),
				Arguments.of("config-06", "schema", ""));
	}

	@ParameterizedTest(name = "{1} = {2}")
	@MethodSource("identifiers")
	void nameThatIsNotAPlainIdentifierIsRefused(String id, String setting, String value) {
		UnaryOperator<CairnConfiguration.Builder> set = switch (setting) {
			case "table" -> (builder) -> builder.table(value);
			case "schema" -> (builder) -> builder.schema(value);
			case "golangMigrateTable" -> (builder) -> builder.golangMigrateTable(value);
			default -> (builder) -> builder.flywayTable(value);
		};
		String shown = (value.length() > 40) ? value.substring(0, 12) + "… (" + value.length() + " characters)" : value;
		CairnException ex = refused(id, setting + " `" + shown + "`", AT_BUILD, () -> set.apply(configure()).build());
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains(setting + " '" + value + "'", "not a plain PostgreSQL identifier",
				"use letters, digits and '_'");
	}

	@Test
	void trackNameWithQuotesAndSpacesIsRefused() {
		CairnException ex = refused("config-07", "track `orders'; --`", AT_BUILD,
				() -> configure().track("orders'; --").build());
		assertThat(ex.getMessage()).contains("track 'orders'; --'", "not a valid track name");
	}

	@Test
	void negativeLockTimeoutIsRefused() {
		CairnException ex = refused("config-08", "lockTimeout `-5s`", AT_BUILD,
				() -> configure().lockTimeout(Duration.ofSeconds(-5)).build());
		assertThat(ex.getMessage()).contains("lockTimeout PT-5S", "negative", "zero to try once");
	}

	@Test
	void absurdLockTimeoutIsRefused() {
		CairnException ex = refused("config-09", "lockTimeout `365 days`", AT_BUILD,
				() -> configure().lockTimeout(Duration.ofDays(365)).build());
		assertThat(ex.getMessage()).contains("lockTimeout PT8760H", "longer than PT24H", "use minutes");
	}

	@Test
	void unsetLockTimeoutIsRefused() {
		CairnException ex = refused("config-10", "lockTimeout `null`", AT_BUILD,
				() -> configure().lockTimeout(null).build());
		assertThat(ex.getMessage()).contains("lockTimeout is not set", "PT5M");
	}

	@Test
	void everyUnsetPolicyIsNamedAtOnce() {
		CairnException ex = refused("config-11", "gap, drift, unknown, future and recovery policies all `null`", AT_BUILD,
				() -> configure().gapPolicy(null)
					.driftPolicy(null)
					.unknownPolicy(null)
					.futurePolicy(null)
					.recoveryPolicy(null)
					.build());
		assertThat(ex.getMessage()).contains("gapPolicy is not set", "driftPolicy is not set", "unknownPolicy is not set",
				"futurePolicy is not set", "use FAIL, WARN or IGNORE", "recoveryPolicy is not set",
				"FAIL or ROLLBACK_AND_RETRY");
	}

	@Test
	void missingDataSourceIsRefused() {
		CairnException ex = refused("config-12", "no DataSource", AT_BUILD,
				() -> CairnConfiguration.builder().locations("filesystem:" + migrations()).build());
		assertThat(ex.getMessage()).contains("dataSource is not set");
	}

	@Test
	void baselineOnMigrateWithoutAVersionIsRefused() {
		CairnException ex = refused("config-13", "baselineOnMigrate on, baselineVersion unset", AT_BUILD,
				() -> configure().baselineOnMigrate(true).build());
		assertThat(ex.getMessage()).contains("baselineVersion is not set", "give the version");
	}

	@Test
	void rollbackOfZeroStepsIsRefused() {
		CairnException ex = refused("config-14", "`rollback(0)`", () -> cairn().rollback(0));
		assertThat(ex.getMessage()).contains("rollback steps must be at least 1, not 0");
	}

	@Test
	void migrateToAVersionWithoutAFileIsRefusedBeforeTouchingTheDatabase() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		CairnException ex = refused("config-15", "`migrateTo(7)` when no file has version 7",
				() -> cairn().migrateTo(Version.parse("7")));
		assertThat(ex.getMessage()).contains("cannot migrate to version 7", "no migration file has that version");
	}

	@Test
	void baselineBelowEveryFileIsRefusedBeforeTouchingTheDatabase() {
		write("000005_a.up.sql", "CREATE TABLE a (id int);");
		CairnException ex = refused("config-16", "`baseline(3)` when the first file is version 5",
				() -> cairn().baseline(Version.parse("3")));
		assertThat(ex.getMessage()).contains("baseline at version 3", "found no migration file at or below");
	}

	@Test
	void unknownUserIsRefusedWithoutShowingThePassword() {
		String password = "Hunter2-" + databaseName();
		PGSimpleDataSource dataSource = connectAs("nobody_" + databaseName());
		dataSource.setPassword(password);
		CairnException ex = refused("config-17", "a user that does not exist (with a password)",
				() -> new Cairn(configure(dataSource).build()).migrate());
		assertThat(ex.getMessage()).contains("cannot connect to the database", "Check the URL, user and password")
			.doesNotContain(password);
	}

	@Test
	void databaseThatDoesNotExistIsRefused() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(databaseName() + "_gone"));
		CairnException ex = refused("config-18", "a URL naming a database that does not exist",
				() -> new Cairn(configure(dataSource).build()).migrate());
		assertThat(ex.getMessage()).contains("cannot connect to the database", "does not exist");
	}

	@Test
	void serverThatIsNotListeningIsRefused() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl("jdbc:postgresql://127.0.0.1:1/" + databaseName() + "?user=postgres&connectTimeout=2");
		CairnException ex = refused("config-19", "a URL whose port nothing listens on",
				() -> new Cairn(configure(dataSource).connectTimeout(Duration.ofSeconds(1)).build()).migrate());
		assertThat(ex.getMessage()).contains("cannot connect to the database", "127.0.0.1:1", "check that it is up");
	}

	@Test
	void userWithoutCreateOnTheSchemaIsRefusedWithTheGrantToAsk() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		String role = createRole("reader");
		CairnException ex = refused("config-20", "a user without CREATE on schema `public`",
				() -> new Cairn(configure(connectAs(role)).build()).migrate());
		assertThat(ex.getMessage()).contains("\"public\".\"cairn_history\"", "permission denied",
				"grant the migration user CREATE on schema \"public\"");
	}

	@Test
	void userWithCreateOnTheSchemaButNotOnTheDatabaseCanMigrate() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		String role = createRole("writer");
		TestDatabase.execute(database(), "GRANT CREATE ON SCHEMA public TO " + role);
		accepted("config-21", "a user with CREATE on schema `public` but not on the database",
				"accepted; the existing schema is not created again", () -> new Cairn(configure(connectAs(role)).build())
					.migrate());
		assertThat(history()).containsExactly("1 applied 000001_a.up.sql");
	}

	@Test
	void userWhoCannotCreateTheHistorySchemaIsRefused() {
		String role = createRole("nocreate");
		CairnException ex = refused("config-22", "schema `cairn` missing and the user may not create schemas",
				() -> new Cairn(configure(connectAs(role)).schema("cairn").build()).migrate());
		assertThat(ex.getMessage()).contains("\"cairn\".\"cairn_history\"", "permission denied", "CREATE on the database");
	}

	@Test
	void missingSchemaThatMayNotBeCreatedIsRefused() {
		CairnException ex = refused("config-23", "schema `cairn` missing and createSchema off",
				() -> new Cairn(configure().schema("cairn").createSchema(false).build()).migrate());
		assertThat(ex.getMessage()).contains("\"cairn\".\"cairn_history\"", "create schema \"cairn\" or allow Cairn to"
				+ " create it");
	}

	@Test
	void readOnlyDatabaseIsRefusedBeforeHistoryExists() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(TestDatabase.adminDataSource(),
				"ALTER DATABASE " + databaseName() + " SET default_transaction_read_only = on");
		CairnException ex = refused("config-24", "a read-only database (default_transaction_read_only, as on a"
				+ " standby), no history yet", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("read-only", "point Cairn at the primary");
	}

	@Test
	void readOnlyDatabaseIsRefusedWithAPendingMigration() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		cairn().migrate();
		write("000002_b.up.sql", "CREATE TABLE b (id int);");
		TestDatabase.execute(TestDatabase.adminDataSource(),
				"ALTER DATABASE " + databaseName() + " SET default_transaction_read_only = on");
		CairnException ex = refused("config-25", "a read-only database with one pending migration",
				() -> cairn().migrate());
		assertThat(ex).isInstanceOf(MigrationFailedException.class);
		assertThat(ex.getMessage()).contains("000002_b.up.sql", "SQLSTATE 25006", "read-only",
				"point Cairn at the primary");
	}

}
