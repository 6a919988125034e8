package dev.cairn.core.catalogue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnException;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintRule;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.test.HeldLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Safe DDL: bad timeout and linter directives, lock-wait and linter settings, a linter rule set to
 * fail, and a migration that cannot get its lock in any attempt. Each stops the run with the
 * database as it was.
 */
abstract class SafeDdlCases extends CatalogueCases {

	private static final String FIRST = "000001_base.up.sql";

	private void applied() {
		write(FIRST, "CREATE TABLE base (id int PRIMARY KEY, total int);");
		cairn().migrate();
	}

	@Test
	void lockTimeoutWithoutAUnitIsRefused() {
		applied();
		write("000002_alter.up.sql", "-- cairn:lock-timeout 5\nALTER TABLE base ADD COLUMN note text;\n");
		CairnException ex = refused("ddl-01", "`-- cairn:lock-timeout 5` (no unit) on line 1", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_alter.up.sql:1:", "needs a duration with a unit");
	}

	@Test
	void maxAttemptsOfZeroIsRefused() {
		applied();
		write("000002_alter.up.sql", "-- cairn:max-attempts 0\nALTER TABLE base ADD COLUMN note text;\n");
		CairnException ex = refused("ddl-02", "`-- cairn:max-attempts 0` on line 1", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_alter.up.sql:1:", "from 1 to 100");
	}

	@Test
	void lintIgnoreWithoutAReasonIsRefused() {
		applied();
		write("000002_drop.up.sql", "-- cairn:lint-ignore drop\nALTER TABLE base DROP COLUMN total;\n");
		CairnException ex = refused("ddl-03", "`-- cairn:lint-ignore drop` without a reason", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_drop.up.sql:1:", "needs a rule and a reason");
	}

	@Test
	void lintIgnoreOfAnUnknownRuleIsRefused() {
		applied();
		write("000002_index.up.sql", "-- cairn:lint-ignore craete-index-blocking tiny table\n"
				+ "CREATE INDEX base_total ON base (total);\n");
		CairnException ex = refused("ddl-04", "`-- cairn:lint-ignore craete-index-blocking ...` (a misspelt rule)",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_index.up.sql:1", "unknown rule 'craete-index-blocking'");
	}

	@Test
	void aFindingOfARuleSetToFailIsRefused() {
		applied();
		write("000002_index.up.sql", "CREATE INDEX base_total ON base (total);\n");
		CairnException ex = refused("ddl-05", "`CREATE INDEX` without `CONCURRENTLY` on an existing table, rule set to"
				+ " fail", () -> new dev.cairn.core.Cairn(configure().largeTableSize(0)
					.lintPolicy(LintRule.CREATE_INDEX_BLOCKING, LintPolicy.FAIL)
					.build()).migrate());
		assertThat(ex.getMessage()).contains("000002_index.up.sql:1: create-index-blocking", "Safer:");
	}

	@Test
	void badLockWaitSettingsAreRefused() {
		CairnException ex = refused("ddl-06", "`statementLockTimeout(-5s)`, `lockRetryAttempts(0)`",
				() -> configure().statementLockTimeout(Duration.ofSeconds(-5)).lockRetryAttempts(0).build());
		assertThat(ex.getMessage()).contains("statementLockTimeout PT-5S is negative", "lockRetryAttempts 0 is out of range");
	}

	@Test
	void anUnknownLintRuleInTheSettingsIsRefused() {
		CairnException ex = refused("ddl-07", "`lintPolicy(\"create-index\", FAIL)` (no such rule)",
				() -> configure().lintPolicy("create-index", LintPolicy.FAIL).build());
		assertThat(ex.getMessage()).contains("lint rule 'create-index' does not exist", "create-index-blocking");
	}

	@Test
	void aMigrationThatCannotGetItsLockInAnyAttemptIsRefused() {
		applied();
		write("000002_alter.up.sql", "ALTER TABLE base ADD COLUMN note text;\n");
		try (HeldLock held = HeldLock.table(database(), "base", HeldLock.Mode.ACCESS_SHARE)) {
			CairnException ex = refused("ddl-08", "`ALTER TABLE base` while another session's open transaction reads"
					+ " `base`, 2 attempts of 200 ms", "refused, nothing of the file applied",
					() -> new dev.cairn.core.Cairn(configure().statementLockTimeout(Duration.ofMillis(200))
						.lockRetryAttempts(2)
						.lockRetryBackoff(Duration.ofMillis(10))
						.build()).migrate());
			assertThat(ex).isInstanceOfSatisfying(MigrationFailedException.class,
					(failed) -> assertThat(failed.sqlState()).isEqualTo("55P03"));
			assertThat(ex.getMessage()).contains("in each of 2 attempts", "The file is fine");
		}
	}

}
