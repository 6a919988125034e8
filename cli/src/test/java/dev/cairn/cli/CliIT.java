package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.cli.CairnProcess.Result;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built {@code cairn} launcher and jar, run as processes against a database of each test's
 * own: exit codes, output, JSON, bad input, and create in each layout.
 */
class CliIT {

	@TempDir
	Path work;

	private PGSimpleDataSource dataSource;

	private String jdbcUrl;

	private Path migrations;

	@BeforeEach
	void createDatabase() throws IOException {
		this.dataSource = TestDatabase.createDatabase();
		this.jdbcUrl = TestDatabase.urlFor(this.dataSource.getDatabaseName());
		this.migrations = Files.createDirectories(this.work.resolve("db/migrations"));
	}

	@Test
	void statusOfAFreshDatabaseListsThePendingMigrationsAndExitsZero() throws IOException {
		threeMigrations();
		Result result = cairn("status", "-database", this.jdbcUrl);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Cairn status of track 'default'")
			.containsPattern("1\\s+create users\\s+SQL\\s+pending")
			.contains("3 migrations: 0 applied, 3 pending");
		assertThat(tables()).doesNotContain("users");
	}

	@Test
	void upAppliesEverythingAndASecondUpIsANoOp() throws IOException {
		threeMigrations();
		Result first = cairn("up", "-database", this.jdbcUrl);
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("applied 3 migrations");
		Result again = cairn("up", "-database", this.jdbcUrl);
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("schema is up to date, nothing to apply");
		assertThat(cairn("version", "-database", this.jdbcUrl).out()).isEqualTo("3\n");
	}

	@Test
	void upNAppliesOnlyTheNextNPendingMigrations() throws IOException {
		threeMigrations();
		Result result = cairn("up", "2", "-database", this.jdbcUrl);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("applied 2 migrations");
		assertThat(cairn("version", "-database", this.jdbcUrl).out()).isEqualTo("2\n");
		assertThat(cairn("up", "5", "-database", this.jdbcUrl).out()).contains("applied 1 migration ");
	}

	@Test
	void downUndoesTheMostRecentOrAllAndRefusesToGuessHowMany() throws IOException {
		threeMigrations();
		cairn("up", "-database", this.jdbcUrl);
		Result none = cairn("down", "-database", this.jdbcUrl);
		assertThat(none.exitCode()).isEqualTo(1);
		assertThat(none.err()).contains("down needs N").contains("--all");
		Result one = cairn("down", "1", "-database", this.jdbcUrl);
		assertThat(one.exitCode()).as(one.toString()).isZero();
		assertThat(one.out()).contains("000003_create_items.down.sql");
		Result all = cairn("down", "--all", "-database", this.jdbcUrl);
		assertThat(all.exitCode()).as(all.toString()).isZero();
		assertThat(all.out()).contains("undid 2 migrations");
		assertThat(tables()).isEmpty();
		Result version = cairn("version", "-database", this.jdbcUrl);
		assertThat(version.out()).isEmpty();
		assertThat(version.err()).contains("No migration is applied");
	}

	@Test
	void gotoMigratesUpOrDownToTheVersion() throws IOException {
		threeMigrations();
		assertThat(cairn("goto", "2", "-database", this.jdbcUrl).exitCode()).isZero();
		assertThat(tables()).containsExactly("orders", "users");
		Result down = cairn("goto", "1", "-database", this.jdbcUrl);
		assertThat(down.exitCode()).as(down.toString()).isZero();
		assertThat(tables()).containsExactly("users");
		assertThat(cairn("goto", "3", "-database", this.jdbcUrl).exitCode()).isZero();
		assertThat(tables()).containsExactly("items", "orders", "users");
		Result missing = cairn("goto", "7", "-database", this.jdbcUrl);
		assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
		assertThat(missing.err()).contains("7");
		assertThat(cairn("goto", "0", "-database", this.jdbcUrl).exitCode()).isZero();
		assertThat(tables()).isEmpty();
	}

	@Test
	void statusAsJsonHasEveryMigrationsState() throws IOException {
		threeMigrations();
		cairn("up", "1", "-database", this.jdbcUrl);
		Result result = cairn("status", "--json", "-database", this.jdbcUrl);
		assertThat(result.exitCode()).isZero();
		assertThat(result.out().strip()).startsWith("{\"operation\":\"status\",\"outcome\":\"success\",\"exitCode\":0")
			.contains("\"version\":\"1\",\"description\":\"create users\",\"script\":\"000001_create_users.up.sql\","
					+ "\"type\":\"SQL\",\"state\":\"applied\"")
			.contains("\"version\":\"3\",\"description\":\"create items\",\"script\":\"000003_create_items.up.sql\","
					+ "\"type\":\"SQL\",\"state\":\"pending\"}")
			.endsWith("}");
		assertThat(result.out().strip().lines()).hasSize(1);
		assertThat(cairn("version", "--json", "-database", this.jdbcUrl).out())
			.contains("\"version\":\"1\",\"failed\":[]");
	}

	@Test
	void aFailingMigrationExitsThreeNamingFileAndLineAndLeavesEarlierOnesApplied() throws IOException {
		write("000001_ok.up.sql", "CREATE TABLE users (id int);");
		write("000002_broken.up.sql", "CREATE TABLE orders (id int);\nINSERT INTO nowhere VALUES (1);");
		Result result = cairn("up", "-database", this.jdbcUrl);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.err()).contains("000002_broken.up.sql").contains("line 2").contains("42P01")
			.contains("exit code 3, migration failed");
		assertThat(tables()).containsExactly("users");
		Result json = cairn("up", "--json", "-database", this.jdbcUrl);
		assertThat(json.exitCode()).isEqualTo(3);
		assertThat(json.out()).contains("\"kind\":\"migration\"").contains("\"sqlState\":\"42P01\"").contains("\"line\":2");
	}

	@Test
	void validateExitsTwoOnDriftAndRepairAcceptsTheChange() throws IOException {
		threeMigrations();
		cairn("up", "-database", this.jdbcUrl);
		write("000002_create_orders.up.sql", "CREATE TABLE orders (id bigint);");
		Result validate = cairn("validate", "-database", this.jdbcUrl);
		assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(2);
		assertThat(validate.out()).contains("not valid").contains("000002_create_orders.up.sql");
		assertThat(cairn("up", "-database", this.jdbcUrl).exitCode()).isEqualTo(2);
		Result repair = cairn("repair", "--accept-changes", "-database", this.jdbcUrl);
		assertThat(repair.exitCode()).as(repair.toString()).isZero();
		assertThat(cairn("validate", "-database", this.jdbcUrl).exitCode()).isZero();
	}

	@Test
	void dryRunReportsTheFailingMigrationWithExitCodeTwoAndWritesNothing() throws IOException {
		write("000001_ok.up.sql", "CREATE TABLE users (id int);");
		write("000002_broken.up.sql", "SELECT * FROM nowhere;");
		Result result = cairn("dry-run", "-database", this.jdbcUrl);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.out()).contains("2 pending migrations tried, 1 failed").contains("nothing was written");
		assertThat(tables()).isEmpty();
	}

	@Test
	void baselineAndForceRecordVersionsWithoutRunningThem() throws IOException {
		threeMigrations();
		Result baseline = cairn("baseline", "2", "-database", this.jdbcUrl);
		assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
		assertThat(tables()).isEmpty();
		assertThat(cairn("version", "-database", this.jdbcUrl).out()).isEqualTo("2\n");
		assertThat(cairn("force", "3", "-database", this.jdbcUrl).exitCode()).isZero();
		assertThat(cairn("version", "-database", this.jdbcUrl).out()).isEqualTo("3\n");
		assertThat(cairn("force", "3", "--remove", "-database", this.jdbcUrl).exitCode()).isZero();
		assertThat(cairn("version", "-database", this.jdbcUrl).out()).isEqualTo("2\n");
		Result bad = cairn("force", "x.y", "-database", this.jdbcUrl);
		assertThat(bad.exitCode()).isEqualTo(1);
		assertThat(bad.err()).contains("x.y");
	}

	@Test
	void aBadFlagIsAUsageErrorNamingTheFlag() {
		Result result = cairn("status", "--databse", this.jdbcUrl);
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("Unknown option").contains("'--databse'").contains("cairn status --help");
		Result json = cairn("up", "--json", "--bogus");
		assertThat(json.exitCode()).isEqualTo(1);
		assertThat(json.out()).contains("\"exitCode\":1").contains("--bogus");
	}

	@Test
	void badSettingsAreReportedTogetherEachNamingWhereItCameFrom() throws IOException {
		Files.writeString(this.work.resolve("cairn.properties"), "cairn.validate-gaps=sometimes\n");
		Result result = new CairnProcess(this.work).env("CAIRN_LOCK_TIMEOUT", "soon")
			.run("status", "-database", this.jdbcUrl, "--connect-timeout", "-3");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("the environment variable CAIRN_LOCK_TIMEOUT 'soon' is not a duration")
			.contains("--connect-timeout '-3' is not a duration")
			.contains("cairn.validate-gaps in cairn.properties 'sometimes' is not a policy");
		Files.writeString(this.work.resolve("cairn.properties"), "cairn.tabel=x\n");
		Result typo = cairn("status", "-database", this.jdbcUrl);
		assertThat(typo.exitCode()).isEqualTo(1);
		assertThat(typo.err()).contains("unknown keys [cairn.tabel]");
	}

	@Test
	void optionsWinOverTheEnvironmentWhichWinsOverTheConfigFile() throws IOException {
		threeMigrations();
		Files.writeString(this.work.resolve("cairn.properties"), "cairn.url=" + this.jdbcUrl + "\ncairn.table=from_file\n");
		assertThat(cairn("status").out()).contains("\"public\".\"from_file\"");
		CairnProcess withEnv = new CairnProcess(this.work).env("CAIRN_TABLE", "from_env");
		assertThat(withEnv.run("status").out()).contains("\"public\".\"from_env\"");
		assertThat(withEnv.run("status", "--table", "from_option").out()).contains("\"public\".\"from_option\"");
		Files.delete(this.work.resolve("cairn.properties"));
		Result dbmate = new CairnProcess(this.work).env("DATABASE_URL", postgresUrl()).run("status");
		assertThat(dbmate.exitCode()).as(dbmate.toString()).isZero();
	}

	@Test
	void aPostgresUrlAsGolangMigrateAndDbmateWriteItWorks() throws IOException {
		threeMigrations();
		Result result = cairn("-path", "file://db/migrations", "-database", postgresUrl(), "up", "1");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(tables()).containsExactly("users");
	}

	@Test
	void anUnreachableDatabaseFailsWithinTheConnectTimeoutWithoutPrintingThePassword() {
		Result result = cairn("status", "-database", "postgres://app:hunter2@127.0.0.1:1/x?sslmode=disable",
				"--connect-timeout", "1s");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
		assertThat(result.err()).contains("cannot connect to the database").contains("127.0.0.1:1");
		Result json = cairn("status", "--json", "-database", "jdbc:postgresql://127.0.0.1:1/x?user=app&password=hunter2",
				"--connect-timeout", "0");
		assertThat(json.exitCode()).isEqualTo(5);
		assertThat(json.out()).contains("\"exitCode\":5");
		Result badUrl = cairn("status", "-database", "mysql://app:hunter2@localhost/x");
		assertThat(badUrl.exitCode()).isEqualTo(1);
		assertThat(badUrl.err()).contains("is not a PostgreSQL URL");
		for (Result each : List.of(result, json, badUrl)) {
			assertThat(each.out() + each.err()).doesNotContain("hunter2");
		}
	}

	@Test
	void aLockHeldByAnotherSessionEndsWithExitCodeFourNamingTheHolder() throws IOException {
		threeMigrations();
		try (HeldLock holder = HeldLock.advisory(this.dataSource, 0x43414952,
				AdvisoryLock.objectId("\"public\".\"cairn_history\""))) {
			Result result = cairn("up", "-database", this.jdbcUrl, "-lock-timeout", "1");
			assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
			assertThat(result.err()).contains(String.valueOf(holder.pid()));
		}
		assertThat(tables()).isEmpty();
	}

	@Test
	void createWritesTheNextGolangMigratePairInAnEmptyOrNumberedFolder() throws IOException {
		Result first = cairn("create", "add", "users");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).isEqualTo("db/migrations/000001_add_users.up.sql\ndb/migrations/000001_add_users.down.sql\n");
		write("000041_old.up.sql", "SELECT 1;");
		Result next = cairn("create", "--json", "add_orders");
		assertThat(next.out()).contains("\"version\":\"42\"").contains("000042_add_orders.up.sql")
			.contains("000042_add_orders.down.sql");
		assertThat(this.migrations.resolve("000042_add_orders.down.sql")).exists();
	}

	@Test
	void createJavaMakesAClassWithTheNextVersionInThePackageAsABeanInASpringProject() throws IOException {
		write("000001_a.up.sql", "SELECT 1;");
		write("000002_b.up.sql", "SELECT 1;");
		Files.writeString(this.work.resolve("pom.xml"), "<project><dependencies><dependency>"
				+ "<groupId>org.springframework.boot</groupId></dependency></dependencies></project>");
		Result first = cairn("create", "--java", "--package", "com.example.migrations", "backfill", "titles");
		assertThat(first.exitCode()).as(first.toString()).isZero();
		Path made = this.work.resolve("src/main/java/com/example/migrations/BackfillTitles.java");
		assertThat(first.out()).isEqualTo("src/main/java/com/example/migrations/BackfillTitles.java\n");
		assertThat(Files.readString(made)).contains("package com.example.migrations;", "@Component",
				"public class BackfillTitles implements JavaMigration", "return \"3\";");
		Result second = cairn("create", "--java", "--package", "com.example.migrations", "--no-component",
				"--no-transaction", "--json", "reindex");
		assertThat(second.out()).contains("\"version\":\"4\"", "\"layout\":\"java\"", "Reindex.java");
		assertThat(Files.readString(this.work.resolve("src/main/java/com/example/migrations/Reindex.java")))
			.contains("return \"4\";", "transactional()").doesNotContain("@Component");
		Result again = cairn("create", "--java", "--package", "com.example.migrations", "reindex");
		assertThat(again.exitCode()).isEqualTo(1);
		assertThat(again.err()).contains("Reindex.java exists");
		Result noPackage = cairn("create", "--java", "more");
		assertThat(noPackage.exitCode()).isEqualTo(1);
		assertThat(noPackage.err()).contains("--java needs --package");
		Result badPackage = cairn("create", "--java", "--package", "com.example.1st", "more");
		assertThat(badPackage.exitCode()).isEqualTo(1);
		assertThat(badPackage.err()).contains("'com.example.1st' is not a Java package name");
	}

	@Test
	void createFollowsAFlywayOrTimestampedFolder() throws IOException {
		Path flyway = Files.createDirectories(this.work.resolve("flyway"));
		Files.writeString(flyway.resolve("V1__init.sql"), "SELECT 1;");
		Files.writeString(flyway.resolve("V2__more.sql"), "SELECT 1;");
		Result result = cairn("create", "-dir", "flyway", "--undo", "add orders");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("flyway/V3__add_orders.sql\nflyway/U3__add_orders.sql\n");
		Path stamped = Files.createDirectories(this.work.resolve("stamped"));
		Files.writeString(stamped.resolve("20200101000000_init.up.sql"), "SELECT 1;");
		Result timestamp = cairn("create", "--path", "stamped", "next");
		assertThat(timestamp.out()).matches("stamped/20\\d{12}_next\\.up\\.sql\nstamped/20\\d{12}_next\\.down\\.sql\n");
		Result mixed = cairn("create", "-dir", "flyway", "--layout", "golang-migrate", "pair");
		assertThat(mixed.out()).isEqualTo("flyway/4_pair.up.sql\nflyway/4_pair.down.sql\n");
		Result ambiguous = cairn("create", "-dir", "flyway", "again");
		assertThat(ambiguous.exitCode()).isEqualTo(1);
		assertThat(ambiguous.err()).contains("both layouts").contains("--layout");
		Result badName = cairn("create", "../escape");
		assertThat(badName.exitCode()).isEqualTo(1);
		assertThat(badName.err()).contains("'../escape'");
	}

	@Test
	void createFollowsAGooseDbmateOrPrismaFolderAndTheFilesMigrate() throws IOException {
		Path goose = Files.createDirectories(this.work.resolve("goose"));
		Files.writeString(goose.resolve("00001_init.sql"), "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n");
		Result result = cairn("create", "-dir", "goose", "--no-transaction", "add", "index");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("goose/00002_add_index.sql\n");
		assertThat(goose.resolve("00002_add_index.sql")).content()
			.isEqualTo("-- add index\n-- +goose NO TRANSACTION\n-- +goose Up\n\n\n-- +goose Down\n\n");
		Files.writeString(goose.resolve("00002_add_index.sql"), "-- +goose NO TRANSACTION\n-- +goose Up\n"
				+ "CREATE INDEX CONCURRENTLY a_id ON a (id);\n-- +goose Down\nDROP INDEX CONCURRENTLY a_id;\n");
		Result migrate = cairn("migrate", "--path", "goose", "-database", this.jdbcUrl);
		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(tables()).contains("a");
		Path dbmate = Files.createDirectories(this.work.resolve("dbmate"));
		Result first = cairn("create", "-dir", "dbmate", "--layout", "dbmate", "--json", "init");
		assertThat(first.out()).contains("\"layout\":\"dbmate\"").containsPattern("dbmate/20\\d{12}_init\\.sql");
		Result second = cairn("create", "-dir", "dbmate", "more");
		assertThat(second.out()).matches("dbmate/20\\d{12}_more\\.sql\n");
		assertThat(Files.list(dbmate).map((file) -> file.getFileName().toString()).sorted().toList()).hasSize(2)
			.allSatisfy((name) -> assertThat(dbmate.resolve(name)).content().contains("-- migrate:up\n", "-- migrate:down\n"));
		Path prisma = Files.createDirectories(this.work.resolve("prisma/20240101000000_init"));
		Files.writeString(prisma.resolve("migration.sql"), "-- CreateTable\nCREATE TABLE p (id int);\n");
		Result folder = cairn("create", "-dir", "prisma", "add orders");
		assertThat(folder.out()).matches("prisma/20\\d{12}_add_orders/migration\\.sql\n");
		Result unknown = cairn("create", "-dir", "prisma", "--layout", "liquibase", "x");
		assertThat(unknown.exitCode()).isEqualTo(1);
		assertThat(unknown.err()).contains("liquibase", "goose", "dbmate");
	}

	@Test
	void everyVerbHasHelp() {
		for (String verb : List.of("create", "migrate", "up", "down", "goto", "force", "version", "status", "validate",
				"dry-run", "repair", "baseline", "lint")) {
			Result result = cairn(verb, "--help");
			assertThat(result.exitCode()).as(verb).isZero();
			assertThat(result.out()).as(verb).startsWith("Usage: cairn " + verb).contains("--database");
		}
	}

	private Result cairn(String... args) {
		return new CairnProcess(this.work).run(args);
	}

	private void threeMigrations() throws IOException {
		write("000001_create_users.up.sql", "CREATE TABLE users (id int);");
		write("000001_create_users.down.sql", "DROP TABLE users;");
		write("000002_create_orders.up.sql", "CREATE TABLE orders (id int);");
		write("000002_create_orders.down.sql", "DROP TABLE orders;");
		write("000003_create_items.up.sql", "CREATE TABLE items (id int);");
		write("000003_create_items.down.sql", "DROP TABLE items;");
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql);
	}

	private List<String> tables() {
		return Sql.column(this.dataSource, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
				+ " AND tablename NOT LIKE 'cairn%' ORDER BY 1");
	}

	/** The test server's JDBC URL as golang-migrate and dbmate write it. */
	private String postgresUrl() {
		Matcher url = Pattern.compile("jdbc:postgresql://([^/]+)/([^?]+)\\?user=([^&]+).*").matcher(this.jdbcUrl);
		assertThat(url.matches()).as("a test server URL with a user parameter: " + this.jdbcUrl).isTrue();
		return "postgres://" + url.group(3) + "@" + url.group(1) + "/" + url.group(2) + "?sslmode=disable";
	}

}
