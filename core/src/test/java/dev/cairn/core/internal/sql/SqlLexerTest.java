package dev.cairn.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SqlLexerTest {

	@Test
	void tokensCarryTheirKindTextAndLine() {
		assertThat(tokens("SELECT E'a\\'b', $1 -- c\n/* d */ \"e\" $t$f$t$ 12 ;"))
				.containsExactly("WORD SELECT 1", "STRING E'a\\'b' 1", "SYMBOL , 1", "PARAMETER $1 1",
						"LINE_COMMENT -- c 1", "BLOCK_COMMENT /* d */ 2", "QUOTED_IDENTIFIER \"e\" 2",
						"DOLLAR_STRING $t$f$t$ 2", "NUMBER 12 2", "SYMBOL ; 2");
	}

	@Test
	void stringPrefixesBelongToTheString() {
		assertThat(tokens("U&'a' B'1' x'F' N'n' e'\\''")).containsExactly("STRING U&'a' 1", "STRING B'1' 1",
				"STRING x'F' 1", "STRING N'n' 1", "STRING e'\\'' 1");
	}

	@Test
	void identifiersMayHoldDollarsAndNonAsciiLetters() {
		assertThat(tokens("a$b$ été_1")).containsExactly("WORD a$b$ 1", "WORD été_1 1");
	}

	@Test
	void backslashOutsideQuotesIsItsOwnToken() {
		assertThat(tokens("\\c db")).containsExactly("BACKSLASH \\ 1", "WORD c 1", "WORD db 1");
	}

	@Test
	void keywordMatchIgnoresCaseButNotLength() {
		SqlLexer lexer = new SqlLexer("Returning returnings \"RETURNING\"");
		lexer.next();
		assertThat(lexer.is("RETURNING")).isTrue();
		lexer.next();
		assertThat(lexer.is("RETURNING")).isFalse();
		lexer.next();
		assertThat(lexer.is("RETURNING")).isFalse();
	}

	@Test
	void lineCountsSkipLoneCarriageReturns() {
		assertThat(tokens("a\rb\r\nc\nd")).containsExactly("WORD a 1", "WORD b 1", "WORD c 2", "WORD d 3");
	}

	private static List<String> tokens(String text) {
		SqlLexer lexer = new SqlLexer(text);
		List<String> tokens = new ArrayList<>();
		while (lexer.next()) {
			tokens.add(lexer.kind() + " " + lexer.text() + " " + lexer.line());
		}
		return tokens;
	}
}
