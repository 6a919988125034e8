package dev.cairn.benchmarks.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;

import liquibase.util.StringUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import dev.cairn.core.internal.sql.SqlScriptParser;
import dev.cairn.core.internal.sql.SqlStatement;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusTests {

	@Test
	void generationIsDeterministic() {
		for (CorpusKind kind : CorpusKind.values()) {
			assertThat(kind.generate(60)).isEqualTo(kind.generate(60));
		}
	}

	@Test
	void versionsRunFromOneAndNamesFollowBothLayouts() {
		List<MigrationSource> migrations = CorpusKind.MIXED.generate(12);
		assertThat(migrations).extracting(MigrationSource::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
		assertThat(migrations.get(0).golangFileName()).isEqualTo("000001_create_e_00001.up.sql");
		assertThat(migrations.get(0).flywayFileName()).isEqualTo("V1__create_e_00001.sql");
		assertThat(CorpusKind.TRIVIAL.generate(42).get(41).sql()).isEqualTo("CREATE TABLE t_00042 (id int);\n");
	}

	@Test
	void mixedCorpusHasEveryIngredient() {
		String all = String.join("\n", CorpusKind.MIXED.generate(6).stream().map(MigrationSource::sql).toList());
		assertThat(all).contains("CREATE TABLE", "CREATE INDEX", "ALTER TABLE", "AS $$", "$fn$",
				"DO $do$", "INSERT INTO", "COMMENT ON", "-- ", "/*");
	}

	@Test
	void writesTheSameSqlInBothLayoutsAndAChangeSetPerFile(@TempDir Path dir) throws IOException {
		Corpus corpus = new CorpusWriter(dir).write(CorpusKind.MIXED, 7);
		try (Stream<Path> golang = Files.list(corpus.golangDir()); Stream<Path> flyway = Files.list(corpus.flywayDir())) {
			assertThat(golang.count()).isEqualTo(7);
			assertThat(flyway.count()).isEqualTo(7);
		}
		for (MigrationSource migration : CorpusKind.MIXED.generate(7)) {
			assertThat(Files.readString(corpus.golangDir().resolve(migration.golangFileName()))).isEqualTo(migration.sql());
			assertThat(Files.readString(corpus.flywayDir().resolve(migration.flywayFileName()))).isEqualTo(migration.sql());
		}
		String changelog = Files.readString(corpus.changelog());
		assertThat(changelog.split("<changeSet ", -1)).hasSize(8);
		assertThat(changelog).contains("<sqlFile path=\"flyway/V3__functions_for_e_00001.sql\" splitStatements=\"false\"");
	}

	/**
	 * Why the Liquibase changelog says splitStatements="false": the PostgreSQL driver, which then
	 * splits each file, finds the same statements as Cairn's parser (psql's rules), while
	 * Liquibase's own splitter cuts the PL/pgSQL bodies at their inner semicolons.
	 */
	@Test
	void theDriverSplitsLikeCairnAndLiquibasesSplitterDoesNot() throws SQLException {
		boolean liquibaseDiffers = false;
		for (MigrationSource migration : CorpusKind.MIXED.generate(6)) {
			List<String> cairn = SqlScriptParser.parse(migration.sql())
				.statements()
				.stream()
				.map(SqlStatement::sql)
				.map(CorpusTests::normalise)
				.toList();
			List<String> driver = Parser.parseJdbcSql(migration.sql(), true, false, true, false, false)
				.stream()
				.map((NativeQuery query) -> query.nativeSql)
				.map(CorpusTests::normalise)
				.filter((sql) -> !sql.isEmpty())
				.toList();
			assertThat(driver).as(migration.flywayFileName()).isEqualTo(cairn);
			String[] liquibase = StringUtil.processMultiLineSQL(migration.sql(), false, true, ";");
			liquibaseDiffers |= liquibase.length != cairn.size();
		}
		assertThat(liquibaseDiffers).isTrue();
	}

	/** Without comments and with single spaces, so the two splitters' outputs compare. */
	private static String normalise(String sql) {
		return sql.replaceAll("(?m)--.*$", "").replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\\s+", " ").replaceAll(";$", "").trim();
	}

}
