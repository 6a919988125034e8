package dev.cairn.autoconfigure.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cairn.autoconfigure.platform.enterprise.EnterpriseTrackAutoConfiguration;
import dev.cairn.core.TrackSet;
import dev.cairn.test.SchemaSnapshot;
import dev.cairn.test.SchemaSnapshot.Scope;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The path of a platform that moved from golang-migrate to Cairn, end to end through the
 * starter on real PostgreSQL: a {@code core} and a {@code vector} series applied by
 * golang-migrate (one legacy table each) are taken over per track; new migrations land in
 * both; an {@code enterprise} track comes from a library's own auto-configuration; the vector
 * track is off in one environment and on in another; a crash in the middle of a
 * non-transactional migration is recovered on the next start; and the upgraded database ends
 * with the same catalog as a fresh install of every track.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlatformWorkflowIntegrationTests {

	// Extensions a stock PostgreSQL ships in contrib; pgvector itself is rarely installed on a test server.
	private static final List<String> VECTOR_STAND_INS = List.of("cube", "hstore", "pg_trgm", "citext");

	@TempDir
	Path folder;

	private Path core;

	private Path vector;

	private PGSimpleDataSource database;

	private String url;

	@BeforeEach
	void createSeries() throws IOException {
		this.core = Files.createDirectories(this.folder.resolve("core"));
		this.vector = Files.createDirectories(this.folder.resolve("vector"));
		write(this.core, "000001_documents.up.sql",
				"CREATE TABLE documents (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);");
		write(this.core, "000002_document_titles.up.sql", "ALTER TABLE documents ADD COLUMN title text;");
		write(this.vector, "000001_embeddings.up.sql", "CREATE EXTENSION IF NOT EXISTS " + vectorExtension() + ";\n"
				+ "CREATE TABLE embeddings (document_id bigint NOT NULL REFERENCES documents (id), v real[] NOT NULL);");
		this.database = TestDatabase.createDatabase();
		this.url = TestDatabase.urlFor(this.database.getDatabaseName());
	}

	@Test
	void legacySeriesAreTakenOverPerTrackAndTheUpgradeEndsAsAFreshInstall(CapturedOutput output) throws IOException {
		golangMigrateApplied(this.database);
		write(this.core, "000003_document_owner.up.sql", "ALTER TABLE documents ADD COLUMN owner text;");
		write(this.vector, "000002_embedding_model.up.sql", "ALTER TABLE embeddings ADD COLUMN model text;");

		// Staging: vector is off. Core takes over schema_migrations; the enterprise library's track runs after it.
		try (ConfigurableApplicationContext context = start(this.url, false)) {
			TrackSet tracks = context.getBean(TrackSet.class);
			// cairn.tracks by name, then the library's tracks; after only moves a track behind those it names.
			assertThat(tracks.names()).containsExactly("core", "vector", "enterprise");
			assertThat(tracks.enabled()).extracting((cairn) -> cairn.configuration().track())
				.containsExactly("core", "enterprise");
		}
		assertThat(history("cairn_history_core")).containsExactly("1:IMPORTED", "2:IMPORTED", "3:SQL");
		assertThat(history("cairn_history_enterprise")).containsExactly("1:SQL");
		assertThat(Sql.tableExists(this.database, "public.cairn_history_vector")).isFalse();
		assertThat(Sql.value(this.database, "SELECT count(*) FROM information_schema.columns"
				+ " WHERE table_name = 'embeddings' AND column_name = 'model'")).isEqualTo("0");
		assertThat(output).contains("Tracks, migrate: core succeeded, vector disabled, enterprise succeeded");

		// Production: vector is on. It takes over vector_schema_migrations and applies what is new.
		try (ConfigurableApplicationContext context = start(this.url, true)) {
			assertThat(context.getBean(TrackSet.class).enabled()).hasSize(3);
		}
		assertThat(history("cairn_history_core")).containsExactly("1:IMPORTED", "2:IMPORTED", "3:SQL");
		assertThat(history("cairn_history_vector")).containsExactly("1:IMPORTED", "2:SQL");

		// A release whose vector migration builds an index concurrently; the process dies in its middle.
		write(this.vector, "000003_embedding_model_index.up.sql", "-- cairn:no-transaction\n"
				+ "CREATE INDEX CONCURRENTLY embeddings_model ON embeddings (model);\n"
				+ "DO $$ BEGIN IF to_regclass('public.crash_now') IS NOT NULL THEN"
				+ " PERFORM pg_terminate_backend(pg_backend_pid()); END IF; END $$;\n");
		write(this.vector, "000003_embedding_model_index.down.sql", "DROP INDEX IF EXISTS embeddings_model;");
		write(this.core, "000004_document_language.up.sql", "ALTER TABLE documents ADD COLUMN language text;");
		TestDatabase.execute(this.database, "CREATE TABLE crash_now ()");
		assertThatException().isThrownBy(() -> start(this.url, true).close());
		assertThat(history("cairn_history_vector")).containsExactly("1:IMPORTED", "2:SQL", "3:SQL_NO_TRANSACTION");
		assertThat(Sql.value(this.database, "SELECT state FROM cairn_history_vector WHERE version = '3'"))
			.isEqualTo("in_progress");
		// Core, before vector, applied its new migration; enterprise, after it, did not run.
		assertThat(history("cairn_history_core")).endsWith("4:SQL");
		assertThat(output).contains("Tracks, migrate: core succeeded, vector failed, enterprise not-run; track 'vector'"
				+ " failed, so [enterprise] did not run");

		// The next start recovers it: the interrupted migration is undone and applied again.
		TestDatabase.execute(this.database, "DROP TABLE crash_now");
		try (ConfigurableApplicationContext context = start(this.url, true, "cairn.tracks.vector.recovery-policy=rollback-and-retry")) {
			assertThat(context).isNotNull();
		}
		assertThat(Sql.value(this.database, "SELECT state FROM cairn_history_vector WHERE version = '3'"))
			.isEqualTo("applied");
		assertThat(Sql.value(this.database, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'embeddings_model'::regclass"))
			.isEqualTo("true");

		// A fresh install of every track ends with the same catalog.
		PGSimpleDataSource fresh = TestDatabase.createDatabase();
		try (ConfigurableApplicationContext context = start(TestDatabase.urlFor(fresh.getDatabaseName()), true)) {
			assertThat(context).isNotNull();
		}
		Scope scope = Scope.schema("public")
			.excludingTables("cairn_history_core", "cairn_history_vector", "cairn_history_enterprise",
					"schema_migrations", "vector_schema_migrations");
		SchemaSnapshot upgraded = SchemaSnapshot.of(this.database, scope);
		SchemaSnapshot installed = SchemaSnapshot.of(fresh, scope);
		assertThat(upgraded.diff(installed)).isEmpty();
		assertThat(upgraded).isEqualTo(installed);
		assertThat(extensions(this.database)).isEqualTo(extensions(fresh)).contains(vectorExtension());
	}

	@Test
	void aRealPgvectorTrackRunsWhereTheServerHasTheExtension() throws IOException {
		Assumptions.assumeTrue(available(this.database, "vector"),
				"pgvector is not installed on this PostgreSQL server (no 'vector' in pg_available_extensions)");
		write(this.vector, "000001_embeddings.up.sql", "CREATE EXTENSION IF NOT EXISTS vector;\n"
				+ "CREATE TABLE embeddings (document_id bigint NOT NULL REFERENCES documents (id), v vector(3) NOT NULL);");
		try (ConfigurableApplicationContext context = start(this.url, true)) {
			assertThat(context).isNotNull();
		}
		assertThat(history("cairn_history_vector")).containsExactly("1:SQL");
	}

	/** What golang-migrate left: both series applied, one legacy table per series. */
	private void golangMigrateApplied(DataSource dataSource) throws IOException {
		List<String> statements = new ArrayList<>();
		statements.add(Files.readString(this.core.resolve("000001_documents.up.sql")));
		statements.add(Files.readString(this.core.resolve("000002_document_titles.up.sql")));
		statements.add(Files.readString(this.vector.resolve("000001_embeddings.up.sql")));
		statements.add("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
		statements.add("INSERT INTO schema_migrations VALUES (2, false)");
		statements.add("CREATE TABLE vector_schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
		statements.add("INSERT INTO vector_schema_migrations VALUES (1, false)");
		TestDatabase.execute(dataSource, statements.toArray(String[]::new));
	}

	private ConfigurableApplicationContext start(String url, boolean vectorEnabled, String... more) {
		List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + url,
				"spring.main.web-application-type=none",
				"cairn.tracks.core.locations=filesystem:" + this.core,
				// golang-migrate's table of the first series has no prefix.
				"cairn.tracks.core.golang-migrate-table=schema_migrations",
				"cairn.tracks.vector.locations=filesystem:" + this.vector,
				"cairn.tracks.vector.after=core",
				"cairn.tracks.vector.enabled=" + vectorEnabled));
		properties.addAll(List.of(more));
		return new SpringApplicationBuilder(PlatformApplication.class).properties(properties.toArray(String[]::new)).run();
	}

	private List<String> history(String table) {
		return Sql.column(this.database, "SELECT version || ':' || type FROM " + table + " ORDER BY applied_order");
	}

	private static List<String> extensions(DataSource dataSource) {
		return Sql.column(dataSource, "SELECT extname FROM pg_extension ORDER BY extname");
	}

	private static String vectorExtension() {
		DataSource admin = TestDatabase.adminDataSource();
		for (String name : VECTOR_STAND_INS) {
			if (available(admin, name)) {
				return name;
			}
		}
		Assumptions.abort("none of " + VECTOR_STAND_INS + " is available on this PostgreSQL server");
		return "";
	}

	private static boolean available(DataSource dataSource, String extension) {
		return !Sql.column(dataSource, "SELECT name FROM pg_available_extensions WHERE name = '" + extension + "'")
			.isEmpty();
	}

	private static void write(Path folder, String name, String sql) throws IOException {
		Files.writeString(folder.resolve(name), sql);
	}

	/** The platform: the application, plus the enterprise jar's auto-configuration. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@ImportAutoConfiguration(EnterpriseTrackAutoConfiguration.class)
	static class PlatformApplication {

	}

}
