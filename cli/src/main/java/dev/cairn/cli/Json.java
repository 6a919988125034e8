package dev.cairn.cli;

/** The JSON string literals the verbs that print their own JSON ({@code create}, {@code lint}) need. */
final class Json {

	private Json() {
	}

	/** A string as a JSON literal: quotes, backslashes and control characters escaped. */
	static String quote(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

}
