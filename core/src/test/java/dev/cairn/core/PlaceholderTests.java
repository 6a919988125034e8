package dev.cairn.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Placeholders against a real PostgreSQL: replaced where they stand, checked before anything
 * runs, secrets masked, the checksum that of the file as written.
 */
class PlaceholderTests extends MigrationTest {

	private Cairn cairn(String... nameValues) {
		CairnConfiguration.Builder builder = this.migrations.configure(this.dataSource);
		for (int i = 0; i < nameValues.length; i += 2) {
			builder.placeholder(nameValues[i], nameValues[i + 1]);
		}
		return new Cairn(builder.build());
	}

	@Test
	void valuesAndBuiltInsAreReplacedInCodeStringsIdentifiersAndBodies() {
		this.migrations.write("000001_setup.up.sql", """
				-- ${not_replaced} in a comment
				CREATE TABLE ${prefix}_books (id int, note text);
				INSERT INTO ${prefix}_books VALUES (1, '${note}'), (2, E'${note}');
				CREATE VIEW "${prefix} view" AS SELECT * FROM ${cairn:schema}.${prefix}_books;
				CREATE FUNCTION who() RETURNS text LANGUAGE sql AS $$ SELECT '${cairn:user} via ${cairn:table}' $$;
				COMMENT ON TABLE ${prefix}_books IS '${$}{literal}';
				""");
		cairn("prefix", "lib", "note", "O'Brien \\ co").migrate();
		assertThat(Sql.column(this.dataSource, "SELECT note FROM \"lib view\" ORDER BY id"))
			.containsExactly("O'Brien \\ co", "O'Brien \\ co");
		assertThat(Sql.value(this.dataSource, "SELECT who()")).isEqualTo("postgres via cairn_history");
		assertThat(Sql.value(this.dataSource, "SELECT obj_description('lib_books'::regclass)")).isEqualTo("${literal}");
	}

	@Test
	void theChecksumIsOfTheFileAsWrittenSoAnotherValueIsNoDrift() throws Exception {
		this.migrations.write("000001_role.up.sql", "CREATE TABLE ${name} (id int);");
		cairn("name", "first").migrate();
		byte[] file = java.nio.file.Files.readAllBytes(this.folder.resolve("000001_role.up.sql"));
		String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(file));
		assertThat(Sql.value(this.dataSource, "SELECT checksum FROM cairn_history")).isEqualTo(sha256);
		assertThat(cairn("name", "second").status().isUpToDate()).isTrue();
	}

	@Test
	void anUnknownPlaceholderStopsTheRunBeforeAnythingRunsNamingFileAndLine() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("000002_b.up.sql", "CREATE TABLE b (id int);\nGRANT SELECT ON b TO ${app_role};");
		assertThatExceptionOfType(CairnValidationException.class).isThrownBy(() -> cairn().migrate())
			.withMessageContaining("000002_b.up.sql:2: unknown placeholder ${app_role}")
			.withMessageContaining("set cairn.placeholders.<name>");
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('a') IS NULL")).isEqualTo("t");
		assertThat(cairn().validate().problems()).extracting(Problem::message)
			.anySatisfy((message) -> assertThat(message).contains("000002_b.up.sql:2"));
	}

	@Test
	void theDirectiveLeavesAFileAsWritten() {
		this.migrations.write("000001_a.up.sql", """
				-- cairn:no-placeholders
				CREATE TABLE a (template text);
				INSERT INTO a VALUES ('Hello ${name}');
				""");
		cairn().migrate();
		assertThat(Sql.value(this.dataSource, "SELECT template FROM a")).isEqualTo("Hello ${name}");
	}

	@Test
	void aSecretValueIsMaskedInTheFailureItsCauseAndTheLog() {
		this.migrations.write("000001_role.up.sql", "DO $$ BEGIN RAISE NOTICE 'set to ${db_password}'; END $$;\n"
				+ "SELECT no_such_function('${db_password}');");
		List<String> messages = new ArrayList<>();
		MigrationFailedException failure = assertThatExceptionOfType(MigrationFailedException.class)
			.isThrownBy(() -> cairn("db_password", "Tr0ub4dor&3").migrate())
			.actual();
		for (Throwable each = failure; each != null; each = each.getCause()) {
			messages.add(String.valueOf(each.getMessage()));
		}
		messages.add(String.valueOf(failure.serverMessage()));
		assertThat(messages).noneMatch((message) -> message.contains("Tr0ub4dor"));
		assertThat(failure.getMessage()).contains("000001_role.up.sql", "no_such_function", "***");
	}

	@Test
	void aBadPlaceholderSettingIsAConfigurationErrorNamingItWithoutTheValue() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.migrations.configure(this.dataSource)
				.placeholder("cairn:schema", "x")
				.placeholder("db_password", "line one\nline two")
				.build())
			.withMessageContaining("placeholder name 'cairn:schema' is not usable")
			.withMessageContaining("cairn: names are built in")
			.withMessageContaining("placeholder 'db_password' has a value on several lines")
			.withMessageNotContaining("line one");
	}

	@Test
	void downFilesAndRepeatablesGetPlaceholdersToo() {
		this.migrations.write("000001_a.up.sql", "CREATE TABLE ${t} (id int);")
			.write("000001_a.down.sql", "DROP TABLE ${t};")
			.write("R__v.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT * FROM ${t};");
		Cairn cairn = cairn("t", "things");
		cairn.migrate();
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM v")).isEqualTo("0");
		this.migrations.delete("R__v.sql");
		TestSupport.dropView(this.dataSource);
		cairn.rollback(1);
		assertThat(Sql.value(this.dataSource, "SELECT to_regclass('things') IS NULL")).isEqualTo("t");
	}

	private static final class TestSupport {

		static void dropView(javax.sql.DataSource dataSource) {
			dev.cairn.test.TestDatabase.execute(dataSource, "DROP VIEW v");
		}

	}

}
