package dev.cairn.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.TrackOutcome.State;
import dev.cairn.core.command.OperationRequest;
import dev.cairn.core.command.OperationResult;
import dev.cairn.core.command.OperationRunner;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An ordered set of tracks in one database: order, isolation, failures that stop later tracks,
 * disabled tracks, and the conflicts the set refuses before touching the database.
 */
class TrackSetTests {

	@TempDir
	Path folder;

	private Migrations core;

	private Migrations vector;

	private Migrations enterprise;

	private PGSimpleDataSource dataSource;

	@BeforeEach
	void setUp() throws Exception {
		this.core = new Migrations(Files.createDirectories(this.folder.resolve("core")));
		this.vector = new Migrations(Files.createDirectories(this.folder.resolve("vector")));
		this.enterprise = new Migrations(Files.createDirectories(this.folder.resolve("enterprise")));
		this.dataSource = TestDatabase.createDatabase();
		this.core.write("000001_documents.up.sql", "CREATE TABLE documents (id int PRIMARY KEY);");
		this.vector.write("000001_embeddings.up.sql",
				"CREATE TABLE embeddings (document int REFERENCES documents, v real[]);");
		this.enterprise.write("000001_audit.up.sql", "CREATE TABLE audit (document int REFERENCES documents);");
	}

	private TrackSettings track(Migrations migrations, String name, String... after) {
		return migrations.configure(this.dataSource)
			.track(name)
			.table("cairn_history_" + name)
			.golangMigrateTable(name + "_schema_migrations")
			.flywayTable(name + "_flyway_schema_history")
			.after(after)
			.buildTrack();
	}

	private EngineSettings engine() {
		return CairnConfiguration.builder().dataSource(this.dataSource).buildEngine();
	}

	@Test
	void tracksRunInTheOrderAfterGivesEachIntoItsOwnHistoryTable() {
		// Given vector first: after puts it behind core, whose table it references.
		TrackSet set = TrackSet.of(engine(), List.of(track(this.vector, "vector", "core"),
				track(this.enterprise, "enterprise", "core"), track(this.core, "core")));
		assertThat(set.names()).containsExactly("core", "vector", "enterprise");
		TrackSetResult result = set.migrate();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.tracks(State.SUCCEEDED)).containsExactly("core", "vector", "enterprise");
		for (String track : List.of("core", "vector", "enterprise")) {
			assertThat(Sql.column(this.dataSource, "SELECT version || ':' || state FROM cairn_history_" + track))
				.containsExactly("1:applied");
		}
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		assertThat(set.migrate().tracks(State.SUCCEEDED)).hasSize(3);
	}

	@Test
	void aFailingTrackStopsTheTracksAfterItAndTheResultSaysWhichDidNotRun() {
		this.vector.write("000002_broken.up.sql", "CREATE TABLE nonsense (id int REFERENCES no_such_table);");
		TrackSet set = TrackSet.of(engine(), List.of(track(this.core, "core"), track(this.vector, "vector", "core"),
				track(this.enterprise, "enterprise", "vector")));
		TrackSetResult result = set.migrate();
		assertThat(result.succeeded()).isFalse();
		assertThat(result.failure().track()).isEqualTo("vector");
		assertThat(result.failure().error()).isInstanceOf(MigrationFailedException.class);
		assertThat(result.tracks(State.SUCCEEDED)).containsExactly("core");
		assertThat(result.tracks(State.NOT_RUN)).containsExactly("enterprise");
		assertThat(result.summary()).isEqualTo("core succeeded, vector failed, enterprise not-run");
		assertThat(Sql.tableExists(this.dataSource, "public.audit")).isFalse();
		// The vector track's first migration stays applied: tracks are independent, not one transaction.
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || state FROM cairn_history_vector"))
			.containsExactly("1:applied");
	}

	@Test
	void aTrackThatRefusesToRunStopsTheTracksAfterIt() {
		new Cairn(CairnConfiguration.of(engine(), track(this.core, "core"))).migrate();
		this.core.write("000001_documents.up.sql", "CREATE TABLE documents (id bigint PRIMARY KEY);");
		TrackSetResult result = TrackSet.of(engine(), List.of(track(this.core, "core"), track(this.vector, "vector")))
			.migrate();
		assertThat(result.failure().error()).isInstanceOf(CairnValidationException.class);
		assertThat(result.tracks(State.NOT_RUN)).containsExactly("vector");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history_vector")).isFalse();
	}

	@Test
	void aDisabledTrackIsReportedAsDisabledAndNeverTouched() {
		TrackSettings vector = this.vector.configure(this.dataSource)
			.track("vector")
			.table("cairn_history_vector")
			.golangMigrateTable("vector_schema_migrations")
			.flywayTable("vector_flyway_schema_history")
			.enabled(false)
			.buildTrack();
		TrackSet set = TrackSet.of(engine(), List.of(track(this.core, "core"), vector));
		TrackSetResult result = set.migrate();
		assertThat(result.succeeded()).isTrue();
		assertThat(result.track("vector").state()).isEqualTo(State.DISABLED);
		assertThat(set.names()).containsExactly("core", "vector");
		assertThat(set.enabled()).extracting((cairn) -> cairn.configuration().track()).containsExactly("core");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history_vector")).isFalse();
		assertThatThrownBy(() -> set.run(Operation.MIGRATE, List.of("vector"), Cairn::migrate))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessage("Track 'vector' is disabled: enable it (enabled=true) to run an operation on it");
		assertThatThrownBy(() -> set.run(Operation.MIGRATE, List.of("vectors"), Cairn::migrate))
			.hasMessage("No track 'vectors': the tracks are [core, vector]");
	}

	@Test
	void anOperationNamedForOneTrackLeavesTheOthersAlone() {
		TrackSet set = TrackSet.of(engine(), List.of(track(this.core, "core"), track(this.vector, "vector", "core")));
		TrackSetResult result = set.run(Operation.MIGRATE, List.of("core"), Cairn::migrate);
		assertThat(result.tracks(State.SUCCEEDED)).containsExactly("core");
		assertThat(result.tracks(State.NOT_SELECTED)).containsExactly("vector");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history_vector")).isFalse();
	}

	@Test
	void eachTrackTakesOverItsOwnGolangMigrateTable() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE documents (id int PRIMARY KEY)",
				"CREATE TABLE embeddings (document int REFERENCES documents, v real[])",
				"CREATE TABLE core_schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO core_schema_migrations VALUES (1, false)",
				"CREATE TABLE vector_schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
				"INSERT INTO vector_schema_migrations VALUES (1, false)");
		this.core.write("000002_titles.up.sql", "ALTER TABLE documents ADD COLUMN title text;");
		this.vector.write("000002_model.up.sql", "ALTER TABLE embeddings ADD COLUMN model text;");
		TrackSetResult result = TrackSet.of(engine(), List.of(track(this.core, "core"), track(this.vector, "vector")))
			.migrate();
		assertThat(result.succeeded()).isTrue();
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || type FROM cairn_history_core ORDER BY applied_order"))
			.containsExactly("1:IMPORTED", "2:SQL");
		assertThat(Sql.column(this.dataSource, "SELECT version || ':' || type FROM cairn_history_vector ORDER BY applied_order"))
			.containsExactly("1:IMPORTED", "2:SQL");
	}

	@Test
	void theOperationRunnerReportsEveryTrackAndTheWorstExitCode() {
		this.vector.write("000002_broken.up.sql", "SELECT 1/0;");
		TrackSettings audit = this.enterprise.configure(this.dataSource)
			.track("audit")
			.table("cairn_history_audit")
			.takeover(false)
			.enabled(false)
			.buildTrack();
		OperationRunner runner = new OperationRunner(TrackSet.of(engine(),
				List.of(track(this.core, "core"), track(this.vector, "vector"), audit, track(this.enterprise, "ee"))));
		List<OperationResult> results = runner.run(OperationRequest.of(Operation.MIGRATE), List.of());
		assertThat(results).extracting(OperationResult::track).containsExactly("core", "vector", "audit", "ee");
		assertThat(results).extracting(OperationResult::state)
			.containsExactly(State.SUCCEEDED, State.FAILED, State.DISABLED, State.NOT_RUN);
		assertThat(OperationResult.exitCode(results).code()).isEqualTo(3);
		assertThat(runner.enabledTracks()).containsExactly("core", "vector", "ee");
	}

	@Test
	void twoTracksInOneHistoryTableAreRefusedAlsoWhenTheNamesDifferOnlyInCase() {
		TrackSettings one = this.core.configure(this.dataSource).track("core").table("history").takeover(false).buildTrack();
		TrackSettings two = this.vector.configure(this.dataSource).track("vector").table("History").takeover(false)
			.buildTrack();
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(one, two)))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessage("Invalid Cairn tracks:\n  - tracks 'core' and 'vector' share the history table public.History"
					+ " (the names differ only in case): give each track its own table");
		assertThat(Sql.tableExists(this.dataSource, "public.history")).isFalse();
	}

	@Test
	void twoTracksThatWouldTakeOverOneLegacyTableAreRefused() {
		// Both keep the default golang-migrate table: the second would import the first one's versions.
		TrackSettings one = this.core.configure(this.dataSource).track("core").table("core_history").buildTrack();
		TrackSettings two = this.vector.configure(this.dataSource).track("vector").table("vector_history").buildTrack();
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(one, two)))
			.hasMessageContaining("tracks 'core' and 'vector' would both take over public.schema_migrations")
			.hasMessageContaining("tracks 'core' and 'vector' would both take over public.flyway_schema_history");
		TrackSettings takesHistory = this.vector.configure(this.dataSource)
			.track("vector")
			.table("vector_history")
			.golangMigrateTable("core_history")
			.flywayTable("vector_flyway")
			.buildTrack();
		TrackSettings quiet = this.core.configure(this.dataSource).track("core").table("core_history").takeover(false)
			.buildTrack();
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(quiet, takesHistory)))
			.hasMessageContaining("track 'vector' would take over public.core_history, the history table of track 'core'");
	}

	@Test
	void afterMustNameAnExistingEnabledTrackAndFormNoCycle() {
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(track(this.core, "core"), track(this.vector, "vector", "cor"))))
			.hasMessageContaining("track 'vector' runs after 'cor', which is no track: the tracks are [core, vector]");
		TrackSettings disabledCore = this.core.configure(this.dataSource).track("core").table("cairn_history_core")
			.takeover(false).enabled(false).buildTrack();
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(disabledCore, track(this.vector, "vector", "core"))))
			.hasMessageContaining("track 'vector' runs after 'core', which is disabled");
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(track(this.core, "core", "enterprise"),
				track(this.vector, "vector", "core"), track(this.enterprise, "enterprise", "vector"))))
			.hasMessageContaining("run after each other in a cycle (core after enterprise, vector after core,"
					+ " enterprise after vector)");
		assertThatThrownBy(() -> track(this.core, "core", "core"))
			.hasMessageContaining("after names the track itself ('core')");
	}

	@Test
	void twoTracksWithOneNameAreRefused() {
		TrackSettings one = track(this.core, "core");
		TrackSettings two = this.vector.configure(this.dataSource).track("Core").table("other").takeover(false).buildTrack();
		assertThatThrownBy(() -> TrackSet.of(engine(), List.of(one, two)))
			.hasMessageContaining("tracks 'core' and 'Core' differ only in case");
	}

	@Test
	void aTrackCanMigrateAsAnotherRole() {
		String role = "cairn_ddl_" + Long.toHexString(System.nanoTime());
		TestDatabase.execute(this.dataSource, "CREATE ROLE " + role + " LOGIN",
				"GRANT CREATE ON SCHEMA public TO " + role);
		PGSimpleDataSource other = new PGSimpleDataSource();
		other.setUrl(this.dataSource.getUrl());
		other.setUser(role);
		TrackSettings vector = this.vector.configure(this.dataSource)
			.track("vector")
			.table("cairn_history_vector")
			.golangMigrateTable("vector_schema_migrations")
			.flywayTable("vector_flyway")
			.trackDataSource(other)
			.buildTrack();
		this.vector.write("000001_embeddings.up.sql", "CREATE TABLE embeddings (v real[]);");
		assertThat(TrackSet.of(engine(), List.of(track(this.core, "core"), vector)).migrate().succeeded()).isTrue();
		assertThat(Sql.value(this.dataSource, "SELECT tableowner FROM pg_tables WHERE tablename = 'embeddings'"))
			.isEqualTo(role);
		assertThat(Sql.value(this.dataSource, "SELECT applied_by FROM cairn_history_vector")).isEqualTo(role);
		TestDatabase.execute(this.dataSource, "DROP TABLE embeddings, cairn_history_vector", "REVOKE ALL ON SCHEMA public FROM " + role,
				"DROP ROLE " + role);
	}

}
