package dev.cairn.core.command;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * Writes compact JSON by hand, so that core needs no JSON library: objects, arrays, strings,
 * numbers, booleans and {@code null}. Strings are escaped as RFC 8259 asks (quotes, backslashes,
 * control characters), plus U+2028, U+2029 and lone surrogates, so the text is also safe to
 * embed in JavaScript and to encode as UTF-8. It trusts its caller to nest correctly.
 */
final class JsonWriter {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final StringBuilder json = new StringBuilder();

	// One entry per open object or array: whether it has a member yet, so the next needs a comma.
	private final Deque<Boolean> hasMembers = new ArrayDeque<>();

	// A name was written; its value follows without a comma.
	private boolean afterName;

	JsonWriter beginObject() {
		beforeValue();
		this.json.append('{');
		this.hasMembers.push(false);
		return this;
	}

	JsonWriter endObject() {
		this.hasMembers.pop();
		this.json.append('}');
		return this;
	}

	JsonWriter beginArray() {
		beforeValue();
		this.json.append('[');
		this.hasMembers.push(false);
		return this;
	}

	JsonWriter endArray() {
		this.hasMembers.pop();
		this.json.append(']');
		return this;
	}

	JsonWriter name(String name) {
		beforeValue();
		string(name);
		this.json.append(':');
		this.afterName = true;
		return this;
	}

	JsonWriter value(@Nullable String value) {
		if (value == null) {
			return nullValue();
		}
		beforeValue();
		string(value);
		return this;
	}

	JsonWriter value(long value) {
		beforeValue();
		this.json.append(value);
		return this;
	}

	JsonWriter value(boolean value) {
		beforeValue();
		this.json.append(value);
		return this;
	}

	JsonWriter nullValue() {
		beforeValue();
		this.json.append("null");
		return this;
	}

	/** The JSON written so far. */
	@Override
	public String toString() {
		return this.json.toString();
	}

	private void beforeValue() {
		if (this.afterName) {
			this.afterName = false;
			return;
		}
		if (this.hasMembers.isEmpty()) {
			return;
		}
		if (this.hasMembers.pop()) {
			this.json.append(',');
		}
		this.hasMembers.push(true);
	}

	private void string(String value) {
		this.json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> this.json.append("\\\"");
				case '\\' -> this.json.append("\\\\");
				case '\b' -> this.json.append("\\b");
				case '\f' -> this.json.append("\\f");
				case '\n' -> this.json.append("\\n");
				case '\r' -> this.json.append("\\r");
				case '\t' -> this.json.append("\\t");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029' || isLoneSurrogate(value, i)) {
						unicodeEscape(c);
					}
					else {
						this.json.append(c);
					}
				}
			}
		}
		this.json.append('"');
	}

	private static boolean isLoneSurrogate(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
		}
		return false;
	}

	private void unicodeEscape(char c) {
		this.json.append("\\u")
			.append(HEX[(c >> 12) & 0xF])
			.append(HEX[(c >> 8) & 0xF])
			.append(HEX[(c >> 4) & 0xF])
			.append(HEX[c & 0xF]);
	}

}
