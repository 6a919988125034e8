package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.cli.CairnProcess.Result;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several tracks declared in the config file ({@code cairn.tracks.<name>.*}, as the starter's),
 * run as one set by the built launcher: order by {@code after}, {@code --track} selecting, verbs
 * about one series refused without one, and every misplaced or unknown key named.
 */
class TracksIT {

	@TempDir
	Path work;

	private PGSimpleDataSource dataSource;

	@BeforeEach
	void declareTracks() throws IOException {
		this.dataSource = TestDatabase.createDatabase();
		write("db/core/000001_books.up.sql", "CREATE TABLE books (id bigint PRIMARY KEY);");
		write("db/core/000001_books.down.sql", "DROP TABLE books;");
		write("db/vector/000001_embeddings.up.sql", "CREATE TABLE embeddings (book_id bigint REFERENCES books (id));");
		write("db/vector/000001_embeddings.down.sql", "DROP TABLE embeddings;");
		// vector is declared first and sorts last anyway; after makes the order a contract.
		config("cairn.tracks.vector.locations=db/vector\ncairn.tracks.vector.after=core\n"
				+ "cairn.tracks.core.locations=db/core\n");
	}

	@Test
	void migrateRunsEveryTrackInOrderEachWithItsOwnHistory() throws SQLException {
		Result result = cairn("migrate");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).containsSubsequence("Cairn migrate on track 'core': applied 1 migration",
				"Cairn migrate on track 'vector': applied 1 migration");
		assertThat(tables()).contains("books", "embeddings", "cairn_history_core", "cairn_history_vector")
			.doesNotContain("cairn_history");
		Result json = cairn("status", "--json");
		assertThat(json.out()).contains("\"tracks\":{\"core\":{").contains("\"vector\":{");
	}

	@Test
	void trackSelectsSomeTracksAndVerbsAboutOneSeriesNeedOne() throws SQLException {
		Result core = cairn("migrate", "--track", "core");
		assertThat(core.exitCode()).as(core.toString()).isZero();
		assertThat(tables()).contains("books").doesNotContain("embeddings");
		assertThat(cairn("up").exitCode()).isZero();
		Result version = cairn("version");
		assertThat(version.exitCode()).isEqualTo(1);
		assertThat(version.err()).contains("cairn version works on one track: give --track with one of [core, vector]");
		assertThat(cairn("version", "--track", "vector").out()).isEqualTo("1\n");
		Result down = cairn("down", "1");
		assertThat(down.exitCode()).isEqualTo(1);
		assertThat(down.err()).contains("cairn down works on one track");
		assertThat(tables()).contains("embeddings");
		Result vectorDown = cairn("down", "1", "--track", "vector");
		assertThat(vectorDown.exitCode()).as(vectorDown.toString()).isZero();
		assertThat(tables()).contains("books").doesNotContain("embeddings");
		Result unknown = cairn("status", "--track", "core,nope");
		assertThat(unknown.exitCode()).isEqualTo(1);
		assertThat(unknown.err()).contains("nope").contains("[core, vector]");
	}

	@Test
	void aDisabledTrackDoesNotRunAndATrackAfterItIsRefused() throws IOException, SQLException {
		config("cairn.tracks.vector.locations=db/vector\ncairn.tracks.vector.enabled=false\n"
				+ "cairn.tracks.core.locations=db/core\n");
		Result result = cairn("migrate");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(tables()).contains("books").doesNotContain("embeddings");
		config("cairn.tracks.vector.locations=db/vector\ncairn.tracks.vector.after=core\n"
				+ "cairn.tracks.core.locations=db/core\ncairn.tracks.core.enabled=false\n");
		Result refused = cairn("migrate");
		assertThat(refused.exitCode()).isEqualTo(1);
		assertThat(refused.err()).contains("'vector'").contains("'core'").contains("disabled");
	}

	@Test
	void misplacedUnknownAndMissingKeysAreEachNamed() throws IOException {
		config("cairn.schema=app\ncairn.tracks.core.locations=db/core\ncairn.tracks.core.lokations=db/x\n"
				+ "cairn.tracks.vector.schema=app\ncairn.tracks.core.lint.rules.dorp=fail\n");
		Result result = cairn("status");
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.err()).contains("cairn.schema in cairn.properties sets schema for one track")
			.contains("as cairn.tracks.<name>.schema");
		config("cairn.tracks.core.locations=db/core\ncairn.tracks.core.lokations=db/x\n"
				+ "cairn.tracks.vector.schema=app\ncairn.tracks.core.lint.rules.dorp=fail\n");
		Result keys = cairn("status");
		assertThat(keys.exitCode()).isEqualTo(1);
		assertThat(keys.err()).contains("cairn.tracks.core.lokations in cairn.properties is unknown")
			.contains("cairn.tracks.vector.locations is missing")
			.contains("cairn.tracks.core.lint.rules.dorp in cairn.properties: there is no lint rule 'dorp'");
		Result path = cairn("status", "--path", "db/core");
		assertThat(path.err()).contains("--path sets locations for one track");
	}

	@Test
	void lintLintsEachTrackWithItsOwnPoliciesWithoutADatabase() throws IOException {
		write("db/vector/000002_index.up.sql", "CREATE INDEX embeddings_book ON embeddings (book_id);");
		write("db/core/000002_index.up.sql", "CREATE INDEX loans_book ON loans (book_id);");
		config("cairn.tracks.vector.locations=db/vector\ncairn.tracks.core.locations=db/core\n"
				+ "cairn.tracks.core.lint.rules.create-index-blocking=fail\n");
		Result result = new CairnProcess(this.work).run("lint");
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.out()).contains("fail: filesystem:").contains("db/core/000002_index.up.sql:1: create-index-blocking")
			.doesNotContain("embeddings_book"); // embeddings is created by vector's own files
		Result vector = new CairnProcess(this.work).run("lint", "--track", "vector");
		assertThat(vector.exitCode()).as(vector.toString()).isZero();
		assertThat(vector.out()).isEqualTo("No findings.\n");
	}

	@Test
	void createWritesIntoTheFolderOfTheTrackNamed() {
		Result result = new CairnProcess(this.work).run("create", "--track", "vector", "add", "index");
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("db/vector/000002_add_index.up.sql\ndb/vector/000002_add_index.down.sql\n");
		Result none = new CairnProcess(this.work).run("create", "x");
		assertThat(none.exitCode()).isEqualTo(1);
		assertThat(none.err()).contains("give --track with one of [core, vector], or --dir");
	}

	private Result cairn(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("-database");
		all.add(TestDatabase.urlFor(this.dataSource.getDatabaseName()));
		return new CairnProcess(this.work).run(all.toArray(String[]::new));
	}

	private void config(String properties) throws IOException {
		Files.writeString(this.work.resolve("cairn.properties"), properties);
	}

	private void write(String name, String sql) throws IOException {
		Path file = this.work.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, sql);
	}

	private List<String> tables() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		return tables;
	}

}
