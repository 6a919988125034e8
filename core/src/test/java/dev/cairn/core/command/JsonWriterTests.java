package dev.cairn.core.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonWriter}: structure and escaping.
 */
class JsonWriterTests {

	@Test
	void writesNestedObjectsAndArraysWithCommasBetweenMembers() {
		String json = new JsonWriter().beginObject()
			.name("a").value(1)
			.name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().endArray()
			.name("c").beginObject().name("d").value((String) null).endObject()
			.name("e").beginArray().endArray()
			.endObject()
			.toString();
		assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":{\"d\":null},\"e\":[]}");
	}

	@Test
	void writesATopLevelArray() {
		assertThat(new JsonWriter().beginArray().value(-5).value(false).endArray()).hasToString("[-5,false]");
	}

	@Test
	void escapesQuotesBackslashesAndControlCharacters() {
		assertThat(string("say \"hi\" \\ bye")).isEqualTo("\"say \\\"hi\\\" \\\\ bye\"");
		assertThat(string("a\nb\rc\td\be\ff")).isEqualTo("\"a\\nb\\rc\\td\\be\\ff\"");
		assertThat(string("\u0000\u0001\u001f\u007f")).isEqualTo("\"\\u0000\\u0001\\u001f\u007f\"");
		assertThat(string("/")).isEqualTo("\"/\"");
	}

	@Test
	void keepsUnicodeButEscapesLineSeparatorsAndLoneSurrogates() {
		assertThat(string("café ✓ 日本 \uD83D\uDE00")).isEqualTo("\"café ✓ 日本 \uD83D\uDE00\"");
		assertThat(string("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
		assertThat(string("x\uD83Dy")).isEqualTo("\"x\\ud83dy\"");
		assertThat(string("\uDE00x\uD83D")).isEqualTo("\"\\ude00x\\ud83d\"");
	}

	@Test
	void escapesNamesToo() {
		assertThat(new JsonWriter().beginObject().name("tr\"ack\n").value(0).endObject())
			.hasToString("{\"tr\\\"ack\\n\":0}");
	}

	private static String string(String value) {
		return new JsonWriter().value(value).toString();
	}

}
