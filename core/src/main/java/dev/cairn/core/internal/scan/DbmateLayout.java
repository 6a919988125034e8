package dev.cairn.core.internal.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cairn.core.MigrationLayout;

/**
 * dbmate: {@code 20240101120000_add_orders.sql} holding both directions, cut by
 * {@code -- migrate:up} (required) and {@code -- migrate:down} (optional). Each marker may carry
 * {@code transaction:false}, which runs that section without a transaction, as
 * {@code -- cairn:no-transaction} does. SQL outside the sections, an unknown marker or option is
 * refused, as dbmate refuses it.
 */
final class DbmateLayout implements Layout {

	static final String MARKER = "-- migrate:";

	private static final String BEFORE_SECTIONS = "SQL before the -- migrate:up marker belongs to neither direction"
			+ " (dbmate refuses it too): move it into a section";

	@Override
	public MigrationLayout setting() {
		return MigrationLayout.DBMATE;
	}

	@Override
	public List<LayoutEntry> read(ScannedFile file) {
		MigrationFileName name = VersionedName.parse(file.fileName(), MigrationFileName.Layout.DBMATE, false, false);
		if (name == null) {
			throw LayoutException.name("dbmate names look like 20240101120000_add_orders.sql (a version, '_', a name,"
					+ " .sql): rename the file, or set the location's layout to what it follows");
		}
		Lines lines = new Lines(file.content());
		int up = -1;
		int down = -1;
		boolean upNoTransaction = false;
		boolean downNoTransaction = false;
		for (int i = 0; i < lines.count(); i++) {
			if (!lines.isComment(i)) {
				if (up < 0 && down < 0 && lines.isStatement(i)) {
					throw LayoutException.content(BEFORE_SECTIONS, i + 1);
				}
				continue;
			}
			String text = lines.text(i);
			if (!isMarker(text)) {
				continue; // another comment
			}
			String[] words = text.substring(text.indexOf(':') + 1).strip().split("\\s+");
			boolean noTransaction = options(words, i + 1);
			switch (words[0].toLowerCase(Locale.ROOT)) {
				case "up" -> {
					if (up >= 0) {
						throw LayoutException.content("a second -- migrate:up marker (the first is on line " + (up + 1)
								+ "): a file has one up section; remove one", i + 1);
					}
					up = i;
					upNoTransaction = noTransaction;
				}
				case "down" -> {
					if (down >= 0) {
						throw LayoutException.content("a second -- migrate:down marker (the first is on line "
								+ (down + 1) + "): a file has one down section; remove one", i + 1);
					}
					down = i;
					downNoTransaction = noTransaction;
				}
				default -> throw LayoutException.content("unknown dbmate marker '-- migrate:" + words[0]
						+ "': use -- migrate:up or -- migrate:down", i + 1);
			}
		}
		if (up < 0) {
			throw LayoutException.content("no -- migrate:up marker: dbmate files start their up section with"
					+ " -- migrate:up (add it), or set the location's layout to what the file follows", 1);
		}
		List<LayoutEntry> entries = new ArrayList<>(2);
		entries.add(Sections.entry(file, name, MigrationFileName.Kind.UP, lines, up, GooseLayout.end(up, down, lines),
				Set.of(), upNoTransaction));
		if (down >= 0) {
			entries.add(Sections.entry(file, name, MigrationFileName.Kind.DOWN, lines, down,
					GooseLayout.end(down, up, lines), Set.of(), downNoTransaction));
		}
		return entries;
	}

	/** dbmate's own test: the comment starts with the marker, blanks allowed after the dashes. */
	static boolean isMarker(String line) {
		if (!line.startsWith("--")) {
			return false;
		}
		String rest = line.substring(2).stripLeading();
		return rest.startsWith("migrate:"); // case-sensitive, as dbmate reads it: "-- Migrate: ..." is a comment
	}

	/** Whether the options say {@code transaction:false}; any other option is a mistake. */
	private static boolean options(String[] words, int line) {
		boolean noTransaction = false;
		for (int i = 1; i < words.length; i++) {
			String option = words[i].toLowerCase(Locale.ROOT);
			if (option.equals("transaction:false")) {
				noTransaction = true;
			}
			else if (!option.equals("transaction:true")) {
				throw LayoutException.content("unknown dbmate option '" + words[i] + "': Cairn reads transaction:false"
						+ " and transaction:true", line);
			}
		}
		return noTransaction;
	}

}
