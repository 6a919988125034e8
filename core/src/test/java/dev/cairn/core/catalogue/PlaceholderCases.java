package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placeholders: unknown names, text that only looks like one, values that would break out of
 * their quotes, bad settings.
 */
abstract class PlaceholderCases extends CatalogueCases {

	@Test
	void unknownPlaceholderIsRefusedNamingFileAndLine() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_grant.up.sql",
				"CREATE TABLE b (id int);\nGRANT SELECT ON b TO ${app_role};");
		CairnException ex = refused("placeholder-01", "`${app_role}` on line 2, no value configured",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_grant.up.sql:2", "unknown placeholder ${app_role}",
				"cairn.placeholders.<name>");
	}

	@Test
	void placeholderInACommentIsLeftAlone() {
		write("000001_a.up.sql", "-- grants to ${app_role} come later\nCREATE TABLE a (id int);");
		accepted("placeholder-02", "`${app_role}` in a comment, no value configured",
				"accepted; comments are not substituted", () -> cairn().migrate());
		assertThat(Sql.tableExists(database(), "public.a")).isTrue();
	}

	@Test
	void valueWithQuotesStaysInsideTheStringItStandsIn() {
		write("000001_a.up.sql", "CREATE TABLE a (note text);\nINSERT INTO a VALUES ('${note}');");
		accepted("placeholder-03", "`'${note}'` with the value `x'); DROP TABLE a; --`",
				"accepted; the quotes in the value are doubled, the row holds the value",
				() -> new Cairn(configure().placeholder("note", "x'); DROP TABLE a; --").build()).migrate());
		assertThat(Sql.value(database(), "SELECT note FROM a")).isEqualTo("x'); DROP TABLE a; --");
	}

	@Test
	void textThatIsNotAPlaceholderIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (t text DEFAULT '${ not a name }');");
		CairnException ex = refused("placeholder-04", "`'${ not a name }'` in a string", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql:1", "is not a placeholder", "${$}", "cairn:no-placeholders");
	}

	@Test
	void valueThatWouldEndADollarQuotedBodyIsRefused() {
		write("000001_a.up.sql", "DO $$ BEGIN RAISE NOTICE '${tag}'; END $$;");
		CairnException ex = refused("placeholder-05", "`${tag}` in a `$$` body, with the value `a$$b`",
				() -> new Cairn(configure().placeholder("tag", "a$$b").build()).migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql:1", "contains $$", "another tag");
	}

	@Test
	void badPlaceholderSettingsAreRefusedWithoutTheirValues() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		CairnException ex = refused("placeholder-06", "placeholder `cairn:user` set, and `db_password` on two lines",
				() -> new Cairn(configure().placeholder("cairn:user", "x").placeholder("db_password", "pa\nss").build()));
		assertThat(ex.getMessage()).contains("'cairn:user' is not usable", "built in", "'db_password' has a value on"
				+ " several lines").doesNotContain("pa\nss");
	}

}
