package dev.cairn.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A duration as the options take it: a plain number of seconds (golang-migrate's
 * {@code -lock-timeout 15}), a number with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
 * {@code 1h}), or ISO-8601 ({@code PT5M}).
 */
final class DurationValue {

	private DurationValue() {
	}

	static Duration parse(String text, String source) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		try {
			if (value.startsWith("pt") || value.startsWith("p")) {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
			int unit = 0;
			while (unit < value.length() && Character.isDigit(value.charAt(unit))) {
				unit++;
			}
			if (unit == 0 || unit > 9) {
				throw new IllegalArgumentException();
			}
			long amount = Long.parseLong(value.substring(0, unit));
			return switch (value.substring(unit)) {
				case "", "s" -> Duration.ofSeconds(amount);
				case "ms" -> Duration.ofMillis(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> throw new IllegalArgumentException();
			};
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new IllegalArgumentException(source + " '" + text + "' is not a duration: use seconds (30), a unit"
					+ " (500ms, 30s, 5m, 1h) or ISO-8601 (PT5M)");
		}
	}

}
