package dev.cairn.core.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnException;
import dev.cairn.core.ChangeReport;
import dev.cairn.core.DryRunResult;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Operation;
import dev.cairn.core.OperationReport;
import dev.cairn.core.Problem;
import dev.cairn.core.RollbackResult;
import dev.cairn.core.StatusReport;
import dev.cairn.core.ValidationResult;
import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TextReport}: what {@code cairn.command} prints, exactly.
 */
class TextReportTests {

	@Test
	void migrateListsWhatItApplied() {
		MigrateResult result = new MigrateResult("default", "t", List.of(applied("1", "V1__create_orders.sql", 12),
				applied("2", "V2__add_order_status.sql", 3)), List.of(), Duration.ZERO, Duration.ofMillis(40));
		assertThat(report(Operation.MIGRATE, result)).isEqualTo("""
				Cairn migrate on track 'default': applied 2 migrations in 40 ms

				  Version  Script                    Type  Time
				  1        V1__create_orders.sql     SQL   12 ms
				  2        V2__add_order_status.sql  SQL   3 ms

				""");
	}

	@Test
	void migrateWithNothingToApplyShowsItsWarnings() {
		Problem gap = Problem.warning(Problem.Kind.GAP, Version.parse("3"), List.of("V3__c.sql"), "applied out of order");
		MigrateResult result = new MigrateResult("default", "t", List.of(), List.of(gap), Duration.ZERO,
				Duration.ofMillis(5));
		assertThat(report(Operation.MIGRATE, result)).isEqualTo("""
				Cairn migrate on track 'default': schema is up to date, nothing to apply (5 ms)

				  Problems:
				    WARNING GAP: applied out of order

				""");
	}

	@Test
	void statusPrintsATableCountsAndTheRollbackOrder() {
		Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
		StatusReport status = new StatusReport("default", "\"public\".\"cairn_history\"",
				List.of(info("1", "create orders", MigrationState.APPLIED, at, 1L),
						info("2", "a description far longer than the forty-eight characters shown",
								MigrationState.PENDING, null, null)),
				List.of());
		assertThat(report(Operation.STATUS, status)).isEqualTo("""
				Cairn status of track 'default' ("public"."cairn_history")

				  Version  Description                                       Type  State    Applied at
				  1        create orders                                     SQL   applied  2026-01-02T03:04:05Z
				  2        a description far longer than the forty-eight...  SQL   pending

				  2 migrations: 1 applied, 1 pending, 0 failed or in progress
				  Rollback order (most recently applied first): 1

				""");
	}

	@Test
	void validationCountsTheErrorsThatWouldStopARun() {
		ValidationResult invalid = new ValidationResult("default", List.of(Problem.error(Problem.Kind.UNKNOWN,
				Version.parse("1.5"), List.of(), "version 1.5 is applied but not on disk")), 0);
		assertThat(report(Operation.VALIDATE, invalid)).isEqualTo("""
				Cairn validate on track 'default': not valid, 1 problem would stop a migrate run

				  Problems:
				    ERROR UNKNOWN: version 1.5 is applied but not on disk

				""");
		assertThat(report(Operation.VALIDATE, new ValidationResult("default", List.of(), 1)))
			.isEqualTo("Cairn validate on track 'default': valid, 1 migration pending\n\n");
	}

	@Test
	void dryRunShowsEachTrialAndWhyOneFailedWithPasswordsMasked() {
		DryRunResult dryRun = new DryRunResult("default", List.of(
				new DryRunResult.Step(Version.parse("1"), "V1__a.sql", DryRunResult.Outcome.PROVED, Duration.ofMillis(2),
						null, 0, null),
				new DryRunResult.Step(Version.parse("2"), "V2__b.sql", DryRunResult.Outcome.FAILED, Duration.ofMillis(1),
						"line 4: ALTER ROLE app PASSWORD 's3cret'\nfailed", 4, "42601"),
				new DryRunResult.Step(Version.parse("3"), "V3__c.sql", DryRunResult.Outcome.NOT_PROVABLE, Duration.ZERO,
						null, 0, null)),
				Duration.ofMillis(9));
		String text = report(Operation.DRY_RUN, dryRun);
		assertThat(text).isEqualTo("""
				Cairn dry run on track 'default': 3 pending migrations tried, 1 failed; everything was rolled back, nothing was written

				  Version  Script     Outcome       Time
				  1        V1__a.sql  proved        2 ms
				  2        V2__b.sql  failed        1 ms
				  3        V3__c.sql  not provable  0 ms

				  Version 2 failed:
				    line 4: ALTER ROLE app PASSWORD '***'
				    failed

				""");
		assertThat(dryRun.sentences()).containsExactly("version 1 (V1__a.sql) ran without error in 2 ms",
				"version 2 (V2__b.sql) failed: line 4: ALTER ROLE app PASSWORD '***'\nfailed",
				"version 3 (V3__c.sql) runs without a transaction, so it was not run");
	}

	@Test
	void dryRunListsTheLocksEachMigrationTookAndMarksTheFlaggedOnes() {
		DryRunResult dryRun = new DryRunResult("default", List.of(new DryRunResult.Step(Version.parse("1"), "V1__a.sql",
				DryRunResult.Outcome.PROVED, Duration.ofMillis(40), null, 0, null,
				List.of(new DryRunResult.LockTaken("orders", "AccessExclusiveLock", 50L << 20, true),
						new DryRunResult.LockTaken("customers", "ShareRowExclusiveLock", 8192, false)),
				List.of(new DryRunResult.StatementTiming(1, "ALTER TABLE orders ADD", Duration.ofMillis(38))))),
				Duration.ofMillis(41));
		assertThat(report(Operation.DRY_RUN, dryRun)).endsWith("""
				  Version 1 locks:
				    ! AccessExclusiveLock on orders (51200 kB): blocks the application on a large table
				      ShareRowExclusiveLock on customers (8 kB)
				      line 1: ALTER TABLE orders ADD ... 38 ms

				""");
		assertThat(dryRun.sentences()).containsExactly("version 1 (V1__a.sql) ran without error in 40 ms; it locks a"
				+ " large table: AccessExclusiveLock on orders (50 MiB)");
		assertThat(JsonReport.render(Operation.DRY_RUN,
				List.of(OperationResult.of(Operation.DRY_RUN, "default", dryRun, Duration.ZERO))))
			.contains("\"locks\":[{\"relation\":\"orders\",\"mode\":\"AccessExclusiveLock\",\"bytes\":52428800,"
					+ "\"flagged\":true},{\"relation\":\"customers\",\"mode\":\"ShareRowExclusiveLock\",\"bytes\":8192,"
					+ "\"flagged\":false}],\"statements\":[{\"line\":1,\"statement\":\"ALTER TABLE orders ADD\","
					+ "\"durationMs\":38}]");
	}

	@Test
	void rollbackListsTheDownFilesItRan() {
		RollbackResult rollback = new RollbackResult("default", "t", List.of(applied("2", "V2__b.down.sql", 4)),
				Duration.ZERO, Duration.ofMillis(6));
		assertThat(report(Operation.ROLLBACK, rollback)).isEqualTo("""
				Cairn rollback on track 'default': undid 1 migration in 6 ms, most recently applied first

				  Version  Down file       Time
				  2        V2__b.down.sql  4 ms

				""");
		assertThat(report(Operation.ROLLBACK, new RollbackResult("default", "t", List.of(), Duration.ZERO, Duration.ZERO)))
			.isEqualTo("Cairn rollback on track 'default': nothing to roll back\n\n");
	}

	@Test
	void historyChangesAreListed() {
		ChangeReport force = new ChangeReport("default", "force", List.of("recorded version 4 as applied"));
		assertThat(report(Operation.FORCE, force))
			.isEqualTo("Cairn force on track 'default': 1 change\n  - recorded version 4 as applied\n\n");
		assertThat(report(Operation.REPAIR, new ChangeReport("default", "repair", List.of())))
			.isEqualTo("Cairn repair on track 'default': nothing to change\n\n");
	}

	@Test
	void failureNamesTheExitCodeAndIndentsTheMessage() {
		CairnException error = new MigrationFailedException(
				"Migration V2__x.sql failed at line 4\nconnecting to jdbc:postgresql://db/app?password=s3cret", "default",
				Version.parse("2"), "V2__x.sql", 4, "42P01", "boom", false, null);
		OperationResult failed = OperationResult.failed(Operation.MIGRATE, "default", error, Duration.ofMillis(3));
		assertThat(TextReport.failure(failed)).isEqualTo("""
				Cairn migrate on track 'default' failed (exit code 3, migration failed):
				  Migration V2__x.sql failed at line 4
				  connecting to jdbc:postgresql://db/app?password=***

				""");
		assertThat(TextReport.report(failed)).isEqualTo("\n");
	}

	private static String report(Operation operation, OperationReport report) {
		return TextReport.report(OperationResult.of(operation, "default", report, Duration.ZERO));
	}

	private static AppliedMigration applied(String version, String script, long millis) {
		return new AppliedMigration(Version.parse(version), "m", script, MigrationType.SQL, 1, Duration.ofMillis(millis));
	}

	private static MigrationInfo info(String version, String description, MigrationState state, Instant appliedAt,
			Long order) {
		return new MigrationInfo(Version.parse(version), description, "V" + version + "__x.sql", MigrationType.SQL, state,
				"c", false, false, (appliedAt != null) ? new MigrationInfo.Recorded(appliedAt, "app", null, null, order) : null);
	}

}
