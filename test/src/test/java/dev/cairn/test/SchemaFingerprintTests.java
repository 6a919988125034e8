package dev.cairn.test;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaFingerprintTests {

	private static final String[] SCHEMA = {
			"CREATE TYPE mood AS ENUM ('sad', 'ok')",
			"CREATE DOMAIN isbn AS text CHECK (length(VALUE) = 13)",
			"CREATE TABLE books (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text NOT NULL DEFAULT '',"
					+ " isbn isbn, mood mood)",
			"CREATE INDEX books_title ON books (title)",
			"CREATE SEQUENCE tickets START 100",
			"CREATE VIEW titles AS SELECT title FROM books",
			"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
			"CREATE TRIGGER books_touch BEFORE UPDATE ON books FOR EACH ROW EXECUTE FUNCTION touch()",
			"COMMENT ON TABLE books IS 'the catalogue'",
			"CREATE TABLE cairn_history (version text PRIMARY KEY)" };

	private static DataSource database(String... sql) {
		DataSource dataSource = TestDatabase.createDatabase();
		TestDatabase.execute(dataSource, sql);
		return dataSource;
	}

	@Test
	void theSameSchemaInTwoDatabasesHasTheSameFingerprint() {
		SchemaFingerprint first = SchemaFingerprint.of(database(SCHEMA));
		SchemaFingerprint second = SchemaFingerprint.of(database(SCHEMA));
		assertThat(first.diff(second)).isEmpty();
		assertThat(first).isEqualTo(second);
		assertThat(first.entries()).containsKeys("column public.books.title", "enum public.mood", "domain public.isbn",
				"index public.books_title", "sequence public.tickets", "view public.titles", "function public.touch()",
				"trigger books_touch on public.books", "comment on public.books", "constraint books_pkey on public.books");
		assertThat(first.entries().get("column public.books.title")).isEqualTo("text not null default ''::text");
	}

	@Test
	void eachDifferenceIsNamedInASentence() {
		SchemaFingerprint expected = SchemaFingerprint.of(database(SCHEMA));
		DataSource other = database(SCHEMA);
		TestDatabase.execute(other, "ALTER TABLE books ALTER COLUMN title DROP DEFAULT", "ALTER TYPE mood ADD VALUE 'glad'",
				"DROP INDEX books_title", "ALTER TABLE books ADD COLUMN pages int", "COMMENT ON TABLE books IS 'books'");
		assertThat(expected.diff(SchemaFingerprint.of(other))).containsExactly(
				"column public.books.pages: only in actual (integer null)",
				"column public.books.title: differs: expected text not null default ''::text, actual text not null",
				"comment on public.books: differs: expected the catalogue, actual books",
				"enum public.mood: differs: expected 'sad', 'ok', actual 'sad', 'ok', 'glad'",
				"index public.books_title: only in expected (CREATE INDEX books_title ON public.books USING btree (title))");
	}

	@Test
	void columnOrderCountsOnlyWhenAsked() {
		DataSource first = database("CREATE TABLE t (a int, b text)");
		DataSource second = database("CREATE TABLE t (b text, a int)");
		assertThat(SchemaFingerprint.of(first).diff(SchemaFingerprint.of(second))).isEmpty();
		SchemaFingerprint.Options ordered = SchemaFingerprint.Options.defaults().withColumnOrder();
		assertThat(SchemaFingerprint.of(first, ordered).diff(SchemaFingerprint.of(second, ordered)))
			.contains("column public.t.a: differs: expected integer null position 1, actual integer null position 2");
	}

	@Test
	void ignoredObjectsLeaveOutEverythingOnThem() {
		DataSource first = database(SCHEMA);
		DataSource second = database(SCHEMA);
		TestDatabase.execute(second, "DROP TABLE cairn_history", "CREATE TABLE cairn_history (v int, x text UNIQUE)");
		SchemaFingerprint.Options options = SchemaFingerprint.Options.defaults().ignoring("cairn_history");
		assertThat(SchemaFingerprint.of(first, options).diff(SchemaFingerprint.of(second, options))).isEmpty();
		assertThat(SchemaFingerprint.of(first).diff(SchemaFingerprint.of(second))).isNotEmpty();
		assertThat(SchemaFingerprint.of(first, SchemaFingerprint.Options.defaults().ignoring("public.cairn*")).entries())
			.doesNotContainKey("index public.cairn_history_pkey");
	}

	@Test
	void privilegesCountOnlyWhenAsked() {
		DataSource first = database("CREATE TABLE t (a int)");
		DataSource second = database("CREATE TABLE t (a int)", "GRANT SELECT ON t TO PUBLIC");
		assertThat(SchemaFingerprint.of(first).diff(SchemaFingerprint.of(second))).isEmpty();
		SchemaFingerprint.Options privileges = SchemaFingerprint.Options.defaults().withPrivileges();
		assertThat(SchemaFingerprint.of(first, privileges).diff(SchemaFingerprint.of(second, privileges)))
			.singleElement().asString().startsWith("table public.t: differs");
	}

	@Test
	void extensionsAndTheirObjectsAreOneEntry() {
		SchemaFingerprint fingerprint = SchemaFingerprint.of(database("CREATE EXTENSION IF NOT EXISTS pg_trgm"));
		assertThat(fingerprint.entries()).containsKey("extension pg_trgm");
		assertThat(fingerprint.entries().keySet()).noneMatch((key) -> key.startsWith("function"));
	}

}
