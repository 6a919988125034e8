package dev.cairn.core.internal.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens: a statement's words for the linter, and the first words of another session's statement
 * for logs, which never include a constant.
 */
class TokensTest {

	@Test
	void firstWordsStopAtTheFirstConstantAndKeepQualifiedNamesWhole() {
		assertThat(Tokens.firstWords("ALTER ROLE app PASSWORD 'hunter2'", 4)).isEqualTo("ALTER ROLE app PASSWORD");
		assertThat(Tokens.firstWords("ALTER ROLE app WITH PASSWORD 'hunter2'", 6)).isEqualTo("ALTER ROLE app WITH PASSWORD");
		assertThat(Tokens.firstWords("UPDATE public.orders SET total = 1", 4)).isEqualTo("UPDATE public.orders SET total");
		assertThat(Tokens.firstWords("SELECT 'secret'", 4)).isEqualTo("SELECT");
		assertThat(Tokens.firstWords("/* who */ -- me\nLOCK TABLE \"Orders\" IN ACCESS EXCLUSIVE MODE", 3))
			.isEqualTo("LOCK TABLE \"Orders\"");
		assertThat(Tokens.firstWords("<insufficient privilege>", 4)).isEmpty();
		assertThat(Tokens.firstWords("SELECT $$x$$", 4)).isEqualTo("SELECT");
	}

	@Test
	void wordsInStringsCommentsAndQuotedIdentifiersAreNotKeyWords() {
		Tokens tokens = Tokens.of("CREATE /* INDEX */ TABLE \"INDEX\" (a text DEFAULT 'INDEX')");
		assertThat(tokens.containsAnywhere("INDEX")).isFalse();
		assertThat(tokens.isSequence(0, "CREATE", "TABLE")).isTrue();
		assertThat(tokens.nameAt(2)).isEqualTo("\"INDEX\"");
		assertThat(Tokens.of("ALTER TABLE Public.Orders ADD x int").nameAt(2)).isEqualTo("public.orders");
	}

}
