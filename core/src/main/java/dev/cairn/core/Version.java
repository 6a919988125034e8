package dev.cairn.core;

import java.util.Arrays;

/**
 * A migration version: a dotted sequence of non-negative integers compared numerically part
 * by part, so {@code 000042} equals {@code 42} and {@code 2.10} is after {@code 2.9}. Trailing
 * zero parts are insignificant ({@code 1.0} equals {@code 1}), as in Flyway.
 */
public final class Version implements Comparable<Version> {

	private final long[] parts;

	private final String text;

	private Version(long[] parts) {
		int length = parts.length;
		while (length > 1 && parts[length - 1] == 0) {
			length--;
		}
		this.parts = (length == parts.length) ? parts : Arrays.copyOf(parts, length);
		StringBuilder text = new StringBuilder(length * 4);
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				text.append('.');
			}
			text.append(this.parts[i]);
		}
		this.text = text.toString();
	}

	/**
	 * Parses a version written with {@code .} or {@code _} between parts ({@code 1_10},
	 * {@code 2.1.3}, {@code 000042}).
	 * @param text the version
	 * @return the version
	 * @throws IllegalArgumentException with a message saying what is wrong
	 */
	public static Version parse(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("the version is empty");
		}
		// A hand-written scan: this runs for every file and every history row on every start-up.
		int count = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '.' || c == '_') {
				count++;
			}
			else if (c < '0' || c > '9') {
				throw new IllegalArgumentException("version '" + text + "' is not a dotted sequence of numbers");
			}
		}
		long[] parts = new long[count];
		int part = 0;
		int digits = 0;
		long value = 0;
		for (int i = 0; i <= text.length(); i++) {
			char c = (i < text.length()) ? text.charAt(i) : '.';
			if (c == '.' || c == '_') {
				if (digits == 0) {
					throw new IllegalArgumentException("version '" + text + "' is not a dotted sequence of numbers");
				}
				parts[part++] = value;
				value = 0;
				digits = 0;
			}
			else {
				digits++;
				int digit = c - '0';
				if (value > (Long.MAX_VALUE - digit) / 10) {
					throw new IllegalArgumentException("version '" + text + "' has a part larger than " + Long.MAX_VALUE);
				}
				value = value * 10 + digit;
			}
		}
		return new Version(parts);
	}

	/**
	 * The canonical form: parts without leading zeros, joined by dots ({@code 000042} is
	 * {@code 42}, {@code 1_10} is {@code 1.10}). This is what the history table stores.
	 */
	@Override
	public String toString() {
		return this.text;
	}

	@Override
	public int compareTo(Version other) {
		int common = Math.max(this.parts.length, other.parts.length);
		for (int i = 0; i < common; i++) {
			long mine = (i < this.parts.length) ? this.parts[i] : 0;
			long theirs = (i < other.parts.length) ? other.parts[i] : 0;
			if (mine != theirs) {
				return Long.compare(mine, theirs);
			}
		}
		return 0;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Version version && Arrays.equals(this.parts, version.parts);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.parts);
	}

}
