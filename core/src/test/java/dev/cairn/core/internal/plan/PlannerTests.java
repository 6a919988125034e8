package dev.cairn.core.internal.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Problem;
import dev.cairn.core.ValidationPolicy;
import dev.cairn.core.internal.history.HistoryRow;
import dev.cairn.core.internal.scan.Checksums;
import dev.cairn.core.Location;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.RepeatableMigration;
import dev.cairn.core.internal.scan.ScannedFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner alone: files and history rows in, states and problems out, no database.
 */
class PlannerTests {

	private static final DataSource UNUSED = new PGSimpleDataSource();

	private final List<ScannedFile> files = new ArrayList<>();

	private final List<HistoryRow> history = new ArrayList<>();

	private CairnConfiguration.Builder configuration = CairnConfiguration.builder().dataSource(UNUSED);

	private PlannerTests file(String name, String sql) {
		this.files.add(new ScannedFile(Location.parse("db/migrations"), name, sql.getBytes()));
		return this;
	}

	private PlannerTests applied(String version, String script, String sql) {
		return row(version, script, Checksums.of(sql.getBytes()), "applied");
	}

	private PlannerTests row(String version, String script, String checksum, String state) {
		this.history.add(new HistoryRow(version, "d", script, checksum, "SQL", state, Instant.EPOCH, "me",
				Duration.ZERO, this.history.size() + 1, "dev", null));
		return this;
	}

	private Plan plan() {
		return new Planner(this.configuration.build()).plan(MigrationCatalog.of(this.files, List.of()), this.history);
	}

	private static List<String> states(Plan plan) {
		return plan.migrations().stream().map((info) -> info.version() + ":" + info.state().displayName()).toList();
	}

	@Test
	void pendingMigrationsComeInAscendingVersionOrder() {
		Plan plan = file("3_c.up.sql", "c;").file("1_a.up.sql", "a;").file("2_b.up.sql", "b;").plan();
		assertThat(plan.pending()).extracting((pending) -> pending.migration().version().toString())
			.containsExactly("1", "2", "3");
		assertThat(plan.problems()).isEmpty();
	}

	@Test
	void appliedMigrationsAreNotPending() {
		Plan plan = file("1_a.up.sql", "a;").file("2_b.up.sql", "b;").applied("1", "1_a.up.sql", "a;").plan();
		assertThat(states(plan)).containsExactly("1:applied", "2:pending");
		assertThat(plan.pending()).hasSize(1);
	}

	@Test
	void gapIsPendingAndAWarningByDefault() {
		Plan plan = file("1_a.up.sql", "a;").file("2_b.up.sql", "b;").applied("1", "1_a.up.sql", "a;")
			.file("3_c.up.sql", "c;").applied("3", "3_c.up.sql", "c;").plan();
		assertThat(plan.pending()).singleElement().satisfies((pending) -> assertThat(pending.gap()).isTrue());
		assertThat(plan.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Problem.Kind.GAP);
			assertThat(problem.isError()).isFalse();
		});
		assertThat(plan.migrations()).filteredOn(MigrationInfo::gap).hasSize(1);
	}

	@Test
	void policiesDecideSeverity() {
		this.configuration = this.configuration.gapPolicy(ValidationPolicy.FAIL).driftPolicy(ValidationPolicy.IGNORE);
		Plan plan = file("1_a.up.sql", "a changed;").applied("1", "1_a.up.sql", "a;")
			.file("2_b.up.sql", "b;").file("3_c.up.sql", "c;").applied("3", "3_c.up.sql", "c;").plan();
		assertThat(plan.problems()).extracting(Problem::kind, Problem::isError)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Problem.Kind.GAP, true));
		assertThat(states(plan)).containsExactly("1:drifted", "2:pending", "3:applied");
	}

	@Test
	void unknownBelowAndFutureAboveTheHighestVersionOnDisk() {
		Plan plan = file("2_b.up.sql", "b;").applied("1", "1_a.up.sql", "a;").applied("2", "2_b.up.sql", "b;")
			.applied("3", "3_c.up.sql", "c;").plan();
		assertThat(states(plan)).containsExactly("1:missing", "2:applied", "3:missing");
		assertThat(plan.problems()).extracting(Problem::kind, Problem::isError).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple(Problem.Kind.UNKNOWN, true),
				org.assertj.core.groups.Tuple.tuple(Problem.Kind.FUTURE, false));
	}

	@Test
	void renameIsAlwaysAnError() {
		Plan plan = file("V1__other_name.sql", "a;").applied("1", "000001_a.up.sql", "a;").plan();
		assertThat(states(plan)).containsExactly("1:renamed");
		assertThat(plan.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Problem.Kind.RENAMED);
			assertThat(problem.isError()).isTrue();
			assertThat(problem.message()).contains("V1__other_name.sql", "000001_a.up.sql");
		});
	}

	@Test
	void movingAFileToASubfolderIsNotARename() {
		Plan plan = file("2024/1_a.up.sql", "a;").applied("1", "1_a.up.sql", "a;").plan();
		assertThat(plan.problems()).isEmpty();
	}

	@Test
	void inProgressAndFailedRowsAreErrorsNamingTheWayOut() {
		Plan plan = file("1_a.up.sql", "a;").file("2_b.up.sql", "b;")
			.row("1", "1_a.up.sql", Checksums.of("a;".getBytes()), "in_progress")
			.row("2", "2_b.up.sql", Checksums.of("b;".getBytes()), "failed")
			.plan();
		assertThat(states(plan)).containsExactly("1:in progress", "2:failed");
		assertThat(plan.problems()).extracting(Problem::kind)
			.containsExactly(Problem.Kind.IN_PROGRESS, Problem.Kind.FAILED);
		assertThat(plan.problems()).allSatisfy((problem) -> assertThat(problem.message()).contains("DELETE FROM"));
	}

	@Test
	void historyRowFromANewerCairnIsReported() {
		Plan plan = file("1_a.up.sql", "a;").row("1", "1_a.up.sql", "x", "reverted").row("x.y", "weird", "x", "applied")
			.plan();
		assertThat(plan.problems()).extracting(Problem::kind)
			.containsExactlyInAnyOrder(Problem.Kind.INVALID_HISTORY_ROW, Problem.Kind.INVALID_HISTORY_ROW);
	}

	@Test
	void invalidPendingScriptsAreReportedWithFileAndLine() {
		Plan plan = file("1_a.up.sql", "CREATE TABLE a (id int);\nCOMMIT;\n")
			.file("2_b.up.sql", "SELECT 'unterminated;\n")
			.file("3_c.up.sql", "\nCREATE INDEX CONCURRENTLY i ON a (id);")
			.file("4_d.up.sql", "-- cairn:no-transactoin\nSELECT 1;")
			.plan();
		assertThat(plan.problems()).extracting(Problem::message).satisfiesExactly(
				(message) -> assertThat(message).contains("1_a.up.sql:2"),
				(message) -> assertThat(message).contains("2_b.up.sql:1"),
				(message) -> assertThat(message).contains("3_c.up.sql:2", "cairn:no-transaction"),
				(message) -> assertThat(message).contains("4_d.up.sql:1"));
		assertThat(plan.pending()).isEmpty();
	}

	@Test
	void nonUtf8FileIsReportedWithItsLine() {
		this.files.add(new ScannedFile(Location.parse("db/migrations"), "1_a.up.sql",
				new byte[] { 'S', 'E', 'L', '\n', 'x', (byte) 0xC3, (byte) 0x28, ';' }));
		assertThat(plan().problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("1_a.up.sql:2", "not valid UTF-8"));
	}

	@Test
	void repeatablesNeverAppliedArePendingAfterTheVersionedOnesInNameOrder() {
		Plan plan = file("R__views.sql", "x;").file("grants.repeatable.sql", "y;").file("1_a.up.sql", "z;").plan();
		assertThat(plan.pending()).extracting((each) -> each.migration().script())
			.containsExactly("1_a.up.sql", "grants.repeatable.sql", "R__views.sql");
		assertThat(plan.migrations()).extracting(MigrationInfo::state)
			.containsExactly(MigrationState.PENDING, MigrationState.PENDING, MigrationState.PENDING);
	}


	@Test
	void repeatableAppliedWithTheSameChecksumIsUpToDateAndAChangedOneOutdated() {
		file("R__views.sql", "v2;").file("R__grants.sql", "g;");
		repeatableRow("R:views#1", "R__views.sql", "v1;").repeatableRow("R:grants#1", "R__grants.sql", "g;");
		Plan plan = plan();
		assertThat(plan.migrations()).extracting((info) -> info.script() + ":" + info.state().displayName())
			.containsExactly("R__grants.sql:up to date", "R__views.sql:outdated");
		assertThat(plan.pending()).singleElement().satisfies((each) -> {
			assertThat(each.repeatable()).isTrue();
			assertThat(((RepeatableMigration) each.migration()).historyKey()).isEqualTo("R:views#2");
		});
		assertThat(plan.toStatus().pendingCount()).isEqualTo(1);
		assertThat(plan.problems()).isEmpty();
	}

	@Test
	void repeatableChangedBackToAnEarlierContentIsOutdatedAgainstTheLatestApplication() {
		file("R__views.sql", "v1;");
		repeatableRow("R:views#1", "R__views.sql", "v1;").repeatableRow("R:views#2", "R__views.sql", "v2;");
		Plan plan = plan();
		assertThat(plan.migrations()).singleElement()
			.satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.OUTDATED));
		assertThat(((RepeatableMigration) plan.pending().get(0).migration()).historyKey()).isEqualTo("R:views#3");
	}

	@Test
	void repeatableInHistoryWithoutItsFileIsListedAsMissingWithoutAProblem() {
		repeatableRow("R:views#1", "R__views.sql", "v1;");
		Plan plan = plan();
		assertThat(plan.migrations()).singleElement()
			.satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.MISSING));
		assertThat(plan.problems()).isEmpty();
		assertThat(plan.toStatus().rollbackOrder()).isEmpty();
	}

	@Test
	void repeatablesWhoseNamesDifferOnlyInCaseAreAnError() {
		Plan plan = file("R__Views.sql", "a;").file("views.repeatable.sql", "b;").plan();
		assertThat(plan.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Problem.Kind.DUPLICATE_NAME);
			assertThat(problem.message()).contains("R__Views.sql", "views.repeatable.sql", "but for case");
		});
	}

	@Test
	void repeatableWithoutTransactionIsAnError() {
		Plan plan = file("R__views.sql", "-- cairn:no-transaction\nCREATE VIEW v AS SELECT 1;").plan();
		assertThat(plan.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("R__views.sql:1", "always runs in one transaction"));
	}

	private PlannerTests repeatableRow(String key, String script, String sql) {
		this.history.add(new HistoryRow(key, "d", script, Checksums.of(sql.getBytes()), "REPEATABLE_SQL", "applied",
				Instant.EPOCH, "me", Duration.ZERO, this.history.size() + 1, "dev", null));
		return this;
	}

}
