package dev.cairn.sample.book;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The title a book sorts by: lower case, without a leading English article.
 */
public final class SortTitle {

	private static final Pattern ARTICLE = Pattern.compile("^(the|a|an)\\s+", Pattern.CASE_INSENSITIVE);

	private SortTitle() {
	}

	public static String of(String title) {
		String stripped = ARTICLE.matcher(title.strip()).replaceFirst("");
		return (stripped.isEmpty() ? title.strip() : stripped).toLowerCase(Locale.ROOT);
	}

}
