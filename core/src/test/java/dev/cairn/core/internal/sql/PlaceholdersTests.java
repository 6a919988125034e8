package dev.cairn.core.internal.sql;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Placeholder substitution alone: where a placeholder stands decides how its value is written.
 */
class PlaceholdersTests {

	private final Placeholders placeholders = Placeholders.of(
			Map.of("app_role", "orders_app", "quote", "it's \\ \"here\"", "db_password", "s3cr3t'x", "tag", "a$$b"),
			"public", "cairn_history", "default", "migrator");

	@Test
	void codeGetsTheValueAsWritten() {
		assertThat(this.placeholders.substitute("GRANT SELECT ON books TO ${app_role};"))
			.isEqualTo("GRANT SELECT ON books TO orders_app;");
		assertThat(this.placeholders.substitute("CREATE TABLE ${cairn:schema}.x_${app_role} (id int);"))
			.isEqualTo("CREATE TABLE public.x_orders_app (id int);");
	}

	@Test
	void builtInsNameSchemaTableTrackAndUser() {
		assertThat(this.placeholders.substitute("${cairn:schema} ${cairn:table} ${cairn:track} ${cairn:user}"))
			.isEqualTo("public cairn_history default migrator");
	}

	@Test
	void valuesStayInsideTheQuotesTheyAreWrittenIn() {
		assertThat(this.placeholders.substitute("SELECT '${quote}';")).isEqualTo("SELECT 'it''s \\ \"here\"';");
		assertThat(this.placeholders.substitute("SELECT E'${quote}';")).isEqualTo("SELECT E'it''s \\\\ \"here\"';");
		assertThat(this.placeholders.substitute("SELECT 1 AS \"${quote}\";"))
			.isEqualTo("SELECT 1 AS \"it's \\ \"\"here\"\"\";");
	}

	@Test
	void dollarQuotedBodiesGetTheValueAsWrittenUnlessItWouldEndTheBody() {
		assertThat(this.placeholders.substitute("DO $$ BEGIN PERFORM '${app_role}'; END $$;"))
			.isEqualTo("DO $$ BEGIN PERFORM 'orders_app'; END $$;");
		assertThat(this.placeholders.substitute("DO $body$ BEGIN RAISE NOTICE '${tag}'; END $body$;"))
			.isEqualTo("DO $body$ BEGIN RAISE NOTICE 'a$$b'; END $body$;");
		assertThatExceptionOfType(SqlScriptException.class)
			.isThrownBy(() -> this.placeholders.substitute("DO $$ BEGIN RAISE NOTICE '${tag}'; END $$;"))
			.withMessageContaining("${tag} contains $$");
	}

	@Test
	void commentsAreLeftAlone() {
		String text = "-- uses ${nothing}\n/* ${neither} */ SELECT 1;";
		assertThat(this.placeholders.substitute(text)).isSameAs(text);
	}

	@Test
	void aLiteralDollarIsWrittenAsDollarInBraces() {
		assertThat(this.placeholders.substitute("SELECT '${$}{app_role}', '${app_role}';"))
			.isEqualTo("SELECT '${app_role}', 'orders_app';");
	}

	@Test
	void unknownPlaceholdersAreReportedWithTheirLinesAllAtOnce() {
		assertThatExceptionOfType(SqlScriptException.class)
			.isThrownBy(() -> this.placeholders.substitute("SELECT 1;\nSELECT '${missing}';\n\nGRANT x TO ${other};"))
			.satisfies((ex) -> {
				assertThat(ex.line()).isEqualTo(2);
				assertThat(ex.getMessage()).contains("line 2: unknown placeholder ${missing}",
						"line 4: unknown placeholder ${other}", "configured are", "app_role", "built in are",
						"cairn:schema");
			});
	}

	@Test
	void somethingThatIsNotAPlaceholderIsAnError() {
		assertThatExceptionOfType(SqlScriptException.class)
			.isThrownBy(() -> this.placeholders.substitute("SELECT '${ not a name }';"))
			.withMessageContaining("is not a placeholder")
			.withMessageContaining("${$}")
			.withMessageContaining("cairn:no-placeholders");
		assertThatExceptionOfType(SqlScriptException.class)
			.isThrownBy(() -> this.placeholders.substitute("SELECT '${unclosed';"))
			.withMessageContaining("is not a placeholder");
	}

	@Test
	void cairnUserIsUnknownWhenTheUserIsNot() {
		Placeholders withoutUser = Placeholders.of(Map.of(), "public", "cairn_history", "default", null);
		assertThatExceptionOfType(SqlScriptException.class).isThrownBy(() -> withoutUser.substitute("${cairn:user}"))
			.withMessageContaining("unknown placeholder ${cairn:user}");
	}

	@Test
	void valuesOfPlaceholdersNamedLikeSecretsAreMasked() {
		assertThat(this.placeholders.secrets()).containsExactly("s3cr3t'x");
		assertThat(this.placeholders.mask("role failed with s3cr3t'x")).isEqualTo("role failed with ***");
	}

}
