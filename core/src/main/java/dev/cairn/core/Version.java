package dev.cairn.core;

import java.util.Arrays;
import java.util.stream.Collectors;

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
		this.parts = Arrays.copyOf(parts, length);
		this.text = Arrays.stream(this.parts).mapToObj(Long::toString).collect(Collectors.joining("."));
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
		String[] pieces = text.split("[._]", -1);
		long[] parts = new long[pieces.length];
		for (int i = 0; i < pieces.length; i++) {
			String piece = pieces[i];
			if (piece.isEmpty() || !piece.chars().allMatch(c -> c >= '0' && c <= '9')) {
				throw new IllegalArgumentException("version '" + text + "' is not a dotted sequence of numbers");
			}
			String digits = piece.replaceFirst("^0+(?=.)", "");
			if (digits.length() > 19 || (digits.length() == 19 && digits.compareTo(Long.toString(Long.MAX_VALUE)) > 0)) {
				throw new IllegalArgumentException("version '" + text + "' has a part larger than " + Long.MAX_VALUE);
			}
			parts[i] = Long.parseLong(digits);
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
