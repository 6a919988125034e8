package dev.cairn.core;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The linter's catalog-dependent rules and the dry run's lock report on a real database: a large
 * table made with generate_series next to a small one.
 */
class SafeDdlCatalogTests extends MigrationTest {

	/** About 450 kB with its primary key: large against the 100 kB the tests set. */
	@BeforeEach
	void createTables() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE public.big (id int PRIMARY KEY, total int, note text)",
				"INSERT INTO public.big SELECT g, g, 'row ' || g FROM generate_series(1, 10000) g",
				"CREATE TABLE public.small (id int PRIMARY KEY, total int)", "INSERT INTO public.small VALUES (1, 1)");
	}

	private CairnConfiguration.Builder configure() {
		return this.migrations.configure(this.dataSource).largeTableSize(100 * 1024);
	}

	@Test
	void aFailingRuleStopsTheRunOnALargeTableBeforeAnythingIsWrittenAndLetsASmallOneThrough() {
		this.migrations.write("V1__small.sql", "CREATE INDEX small_total ON public.small (total);")
			.write("V2__big.sql", "SELECT 1;\nCREATE INDEX big_total ON big (total);");
		Cairn cairn = new Cairn(configure().lintPolicy(LintRule.CREATE_INDEX_BLOCKING, LintPolicy.FAIL).build());
		assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(CairnValidationException.class, (ex) -> {
			assertThat(ex.problems()).singleElement().satisfies((problem) -> {
				assertThat(problem.kind()).isEqualTo(Problem.Kind.LINT);
				assertThat(problem.isError()).isTrue();
				assertThat(problem.message()).contains("V2__big.sql:2: create-index-blocking: CREATE INDEX on big"
						+ " without CONCURRENTLY (", " kB)", "Safer: CREATE INDEX CONCURRENTLY");
			});
		});
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_indexes WHERE indexname = 'small_total'"))
			.isEqualTo("0");
		// Status and validate say the same.
		assertThat(cairn.status().problems()).extracting(Problem::kind).containsExactly(Problem.Kind.LINT);
		assertThat(cairn.validate().succeeded()).isFalse();
	}

	@Test
	void anAcceptedFindingDoesNotStopTheRunAndStatusShowsTheReason() {
		this.migrations.write("V1__big.sql",
				"-- cairn:lint-ignore create-index-blocking built in the maintenance window of 7 May\n"
						+ "CREATE INDEX big_total ON big (total);");
		Cairn cairn = new Cairn(configure().lintPolicy(LintRule.CREATE_INDEX_BLOCKING, LintPolicy.FAIL).build());
		assertThat(cairn.status().problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.isError()).isFalse();
			assertThat(problem.message()).contains("Accepted (-- cairn:lint-ignore): built in the maintenance window of 7 May");
		});
		assertThat(cairn.migrate().applied()).hasSize(1);
	}

	@Test
	void aTableCreatedByAnEarlierPendingMigrationIsNotReportedAndAMisspeltSuppressionIsAnError() {
		this.migrations.write("V1__new.sql", "CREATE TABLE public.fresh (id int);")
			.write("V2__index.sql", "CREATE INDEX fresh_id ON fresh (id);");
		Cairn cairn = new Cairn(configure().lintPolicy("create-index-blocking", LintPolicy.FAIL).build());
		assertThat(cairn.migrate().applied()).hasSize(2);
		this.migrations.write("V3__typo.sql", "-- cairn:lint-ignore craete-index-blocking typo\nSELECT 1;");
		assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(CairnValidationException.class,
				(ex) -> assertThat(ex.getMessage()).contains("V3__typo.sql:1", "unknown rule 'craete-index-blocking'"));
	}

	@Test
	void theDryRunReportsTheLocksEachMigrationTookAndFlagsStrongOnesOnLargeTables() {
		this.migrations.write("V1__big.sql", "ALTER TABLE public.big ADD COLUMN flag boolean;\nSELECT count(*) FROM big;")
			.write("V2__small.sql", "ALTER TABLE public.small ADD COLUMN flag boolean;")
			.write("V3__index.sql", "CREATE INDEX big_total ON public.big (total);");
		DryRunResult result = new Cairn(configure().build()).dryRun();
		assertThat(result.steps()).hasSize(3);
		DryRunResult.Step big = result.steps().get(0);
		assertThat(big.locks()).filteredOn(DryRunResult.LockTaken::flagged)
			.extracting(DryRunResult.LockTaken::relation, DryRunResult.LockTaken::mode)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("big", "AccessExclusiveLock"));
		assertThat(big.statements()).extracting(DryRunResult.StatementTiming::line, DryRunResult.StatementTiming::statement)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "ALTER TABLE public.big ADD"),
					org.assertj.core.groups.Tuple.tuple(2, "SELECT count"));
		assertThat(result.steps().get(1).locks()).extracting(DryRunResult.LockTaken::relation, DryRunResult.LockTaken::flagged)
			.contains(org.assertj.core.groups.Tuple.tuple("small", false));
		// The index build's SHARE lock on big is new in V3; V1's ACCESS EXCLUSIVE is listed under V1 only.
		assertThat(result.steps().get(2).locks()).extracting(DryRunResult.LockTaken::mode)
			.containsExactly("ShareLock");
		assertThat(result.steps().get(2).flaggedLocks()).hasSize(1);
		assertThat(result.sentences().get(0)).containsPattern("it locks a large table: AccessExclusiveLock on big \\(\\d+ kB\\)");
		System.out.println("Dry run sentence: " + result.sentences().get(0));
		assertThat(Sql.column(this.dataSource, "SELECT column_name FROM information_schema.columns"
				+ " WHERE table_name = 'big' ORDER BY ordinal_position")).containsExactly("id", "total", "note");
	}

	@Test
	void aDryRunTrialBehindALongTransactionGivesUpAtTheLockTimeoutAsTheRunWould() {
		this.migrations.write("V1__big.sql", "ALTER TABLE public.big ADD COLUMN flag boolean;");
		try (dev.cairn.test.HeldLock held = dev.cairn.test.HeldLock.table(this.dataSource, "public.big",
				dev.cairn.test.HeldLock.Mode.ACCESS_SHARE)) {
			DryRunResult result = new Cairn(configure().statementLockTimeout(java.time.Duration.ofMillis(200)).build())
				.dryRun();
			assertThat(result.steps()).singleElement().satisfies((step) -> {
				assertThat(step.outcome()).isEqualTo(DryRunResult.Outcome.FAILED);
				assertThat(step.sqlState()).isEqualTo("55P03");
			});
		}
	}

}
