package dev.cairn.core.internal.scan;

import dev.cairn.core.Version;

/**
 * The {@code <version>_<name>.sql} names goose, dbmate and plain scripts share, and the bare
 * {@code <version>.sql} of plain scripts.
 */
final class VersionedName {

	private VersionedName() {
	}

	/**
	 * Reads a name; {@code null} if it does not have the shape at all.
	 * @param dotted whether the version may have dotted parts ({@code 2.13.6})
	 * @param bare whether a name without description ({@code 2024010100.sql}) is accepted
	 */
	static MigrationFileName parse(String fileName, MigrationFileName.Layout layout, boolean dotted, boolean bare) {
		int length = fileName.length();
		if (length < 5 || !fileName.regionMatches(true, length - 4, ".sql", 0, 4)) {
			return null;
		}
		String stem = fileName.substring(0, length - 4);
		int end = 0;
		while (end < stem.length() && (Character.isDigit(stem.charAt(end)) && stem.charAt(end) < 128
				|| dotted && stem.charAt(end) == '.' && end > 0 && end + 1 < stem.length()
						&& stem.charAt(end - 1) != '.' && Character.isDigit(stem.charAt(end + 1)))) {
			end++;
		}
		if (end == 0) {
			return null;
		}
		String versionText = stem.substring(0, end);
		String description;
		if (end == stem.length()) {
			if (!bare) {
				return null;
			}
			description = versionText;
		}
		else if (stem.charAt(end) == '_' && end + 1 < stem.length()) {
			description = stem.substring(end + 1).replace('_', ' ').strip();
			if (description.isEmpty() || description.endsWith(".up") || description.endsWith(".down")) {
				return null; // golang-migrate's, not this layout's
			}
		}
		else {
			return null;
		}
		Version version = MigrationFileName.version(versionText);
		return new MigrationFileName(MigrationFileName.Kind.UP, layout, version, description);
	}

}
