package dev.cairn.sample;

import org.junit.jupiter.api.Test;

import dev.cairn.test.TestDatabase;
import dev.cairn.test.migrations.MigrationChecks;

/**
 * The app's migrations can be undone and applied again, each on its own and all together, and
 * after migrating the applied set is exactly the files: checked with cairn-test-migrations on
 * every build.
 */
class MigrationsRoundTripTests {

	private static MigrationChecks checks() {
		return MigrationChecks.of(TestDatabase.createDatabase(), (cairn) -> cairn.locations("classpath:db/migrations"));
	}

	@Test
	void everyMigrationIsUndoneByItsDownFileStepByStep() {
		MigrationChecks checks = checks();
		checks.assertStepByStep();
		checks.assertAppliedMatchesFiles();
	}

	@Test
	void undoingEverythingAndApplyingAgainGivesTheSameSchema() {
		MigrationChecks checks = checks();
		checks.assertRoundTrip();
		checks.assertAppliedMatchesFiles();
	}

}
