package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.cli.CairnProcess.Result;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cairn lint}, the built launcher run as a process with no database anywhere: policies
 * from options and the config file, exit codes, text and JSON.
 */
class LintIT {

	@TempDir
	Path work;

	private Path migrations;

	@BeforeEach
	void writeMigrations() throws IOException {
		this.migrations = Files.createDirectories(this.work.resolve("db/migrations"));
		write("000001_books.up.sql", "CREATE TABLE books (id bigint PRIMARY KEY, title text);\n"
				+ "CREATE INDEX books_title ON books (title);\n");
		write("000002_loans_index.up.sql", "CREATE INDEX loans_book ON loans (book_id);\n");
		write("000003_drop_old.up.sql", "-- cairn:lint-ignore drop nothing has read old_loans since 2024\n"
				+ "DROP TABLE old_loans;\n");
	}

	@Test
	void everyRuleWarnsByDefaultSoFindingsAreReportedAndTheExitCodeIsZero() {
		Result result = cairn("lint");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out())
			.contains("warn: " + location("000002_loans_index.up.sql") + ":1: create-index-blocking: ")
			.contains("To accept it, put -- cairn:lint-ignore create-index-blocking <reason> above the statement.")
			.contains("accepted: " + location("000003_drop_old.up.sql") + ":2: drop: ")
			.contains("Accepted (-- cairn:lint-ignore): nothing has read old_loans since 2024")
			.endsWith("2 findings: 0 failing, 1 warning, 1 accepted.\n")
			.doesNotContain("books_title"); // books is created by the files themselves
	}

	@Test
	void aRuleSetToFailFiresWithExitCodeTwo() throws IOException {
		Result result = cairn("lint", "--rule", "create-index-blocking=fail", "--rule", "drop=fail");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.out()).contains("fail: " + location("000002_loans_index.up.sql") + ":1: create-index-blocking")
			.contains("accepted: ") // an accepted finding never stops the run
			.endsWith("2 findings: 1 failing, 0 warning, 1 accepted.\n");
		Files.writeString(this.work.resolve("cairn.properties"), "cairn.lint.rules.create-index-blocking=FAIL\n");
		assertThat(cairn("lint").exitCode()).isEqualTo(2);
		Result overridden = cairn("lint", "--rule", "CREATE_INDEX_BLOCKING=warn");
		assertThat(overridden.exitCode()).as(overridden.toString()).isZero();
		assertThat(cairn("lint", "--rule", "create-index-blocking=off").out()).doesNotContain("create-index-blocking")
			.endsWith("1 finding: 0 failing, 0 warning, 1 accepted.\n");
	}

	@Test
	void strictFailsEveryRuleNotSetOtherwise() throws IOException {
		assertThat(cairn("lint", "--strict").exitCode()).isEqualTo(2);
		Files.writeString(this.work.resolve("cairn.properties"), "cairn.lint.rules.create-index-blocking=warn\n");
		Result result = cairn("lint", "--strict");
		assertThat(result.exitCode()).as(result.toString()).isZero();
	}

	@Test
	void jsonCarriesEachFindingAndTheOutcome() {
		Result result = cairn("lint", "--json", "--strict");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.out()).startsWith("{\"operation\":\"lint\",\"outcome\":\"failure\",\"exitCode\":2,\"findings\":[")
			.contains("{\"file\":\"" + location("000002_loans_index.up.sql") + "\",\"line\":1,\"rule\":\"create-index-blocking\","
					+ "\"policy\":\"fail\",\"stopsRun\":true,")
			.contains("\"acceptedBecause\":\"nothing has read old_loans since 2024\"")
			.endsWith("\"problems\":[]}\n");
		assertThat(result.err()).isEmpty();
	}

	@Test
	void badRulesAndPoliciesAreUsageErrorsNamingTheirSource() throws IOException {
		Result unknown = cairn("lint", "--rule", "create-index=fail");
		assertThat(unknown.exitCode()).isEqualTo(1);
		assertThat(unknown.err()).contains("--rule create-index=fail: there is no lint rule 'create-index'")
			.contains("create-index-blocking");
		Result noPolicy = cairn("lint", "--rule", "drop");
		assertThat(noPolicy.exitCode()).isEqualTo(1);
		assertThat(noPolicy.err()).contains("give a rule and its policy");
		Files.writeString(this.work.resolve("cairn.properties"), "cairn.lint.rules.drop=sometimes\n");
		Result file = cairn("lint");
		assertThat(file.exitCode()).isEqualTo(1);
		assertThat(file.err()).contains("cairn.lint.rules.drop in cairn.properties: 'sometimes' is not a lint policy");
	}

	@Test
	void aFileThatCannotBeLintedIsAProblemWithExitCodeTwo() throws IOException {
		write("000004_index.up.sql", "-- cairn:lint-ignore craete-index-blocking built at night\n"
				+ "CREATE INDEX loans_due ON loans (due);\n");
		Result result = cairn("lint");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("error: ").contains("000004_index.up.sql").contains("craete-index-blocking");
		assertThat(result.out()).contains("1 file problem");
		Result missing = cairn("lint", "--path", "nowhere");
		assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
		assertThat(missing.err()).contains("nowhere");
	}

	private String location(String file) {
		return "filesystem:" + this.migrations.toAbsolutePath().normalize() + "/" + file;
	}

	private Result cairn(String... args) {
		return new CairnProcess(this.work).run(args);
	}

	private void write(String name, String sql) throws IOException {
		Files.writeString(this.migrations.resolve(name), sql);
	}

}
