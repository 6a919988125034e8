package dev.cairn.core;

import java.util.Locale;

/**
 * Helpers behind {@link JavaMigration}'s defaults.
 */
final class JavaMigrations {

	private JavaMigrations() {
	}

	/**
	 * A class's simple name in words: {@code BackfillOrderTotals} is "Backfill order totals",
	 * a Flyway-style {@code V42__Backfill_totals} is "Backfill totals"; a proxy's generated
	 * suffix is left out.
	 */
	static String describe(Class<?> type) {
		String name = type.getName();
		int proxy = name.indexOf("$$");
		if (proxy > 0) {
			name = name.substring(0, proxy);
		}
		name = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
		int versioned = name.indexOf("__");
		if (versioned > 0 && name.charAt(0) == 'V') {
			name = name.substring(versioned + 2);
		}
		StringBuilder words = new StringBuilder(name.length() + 8);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '_') {
				words.append(' ');
			}
			else if (Character.isUpperCase(c) && i > 0 && words.length() > 0 && words.charAt(words.length() - 1) != ' '
					&& !Character.isUpperCase(name.charAt(i - 1))) {
				words.append(' ').append(Character.toLowerCase(c));
			}
			else {
				words.append((words.length() > 0) ? Character.toLowerCase(c) : c);
			}
		}
		String text = words.toString().strip().replaceAll(" +", " ");
		return text.isEmpty() ? name : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
	}

}
