package dev.cairn.core.internal.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cairn.core.MigrationLayout;

/**
 * goose: {@code 00042_add_orders.sql} (or a timestamp version) holding both directions, cut by
 * annotations in line comments:
 * <ul>
 * <li>{@code -- +goose Up} starts the up section (required: goose refuses a file without it),
 * {@code -- +goose Down} the down section (optional);</li>
 * <li>{@code -- +goose StatementBegin} / {@code StatementEnd} mark a statement goose could not
 * split on its own; Cairn's splitter understands quoting and dollar quotes, so the pair is only
 * checked to match;</li>
 * <li>{@code -- +goose NO TRANSACTION} runs both sections without a transaction, as
 * {@code -- cairn:no-transaction} does.</li>
 * </ul>
 * SQL before the first section and other annotations ({@code ENVSUB}, which substitutes
 * environment variables) are refused rather than guessed at.
 */
final class GooseLayout implements Layout {

	static final String MARKER = "-- +goose";

	private static final String BEFORE_SECTIONS = "SQL before the first -- +goose Up or -- +goose Down annotation"
			+ " belongs to neither direction: move it into a section";

	@Override
	public MigrationLayout setting() {
		return MigrationLayout.GOOSE;
	}

	@Override
	public List<LayoutEntry> read(ScannedFile file) {
		MigrationFileName name = VersionedName.parse(file.fileName(), MigrationFileName.Layout.GOOSE, false, false);
		if (name == null) {
			throw LayoutException.name("goose names look like 00042_add_orders.sql (a number, '_', a name, .sql):"
					+ " rename the file, or set the location's layout to what it follows");
		}
		Lines lines = new Lines(file.content());
		int up = -1;
		int down = -1;
		int statementBegin = -1;
		boolean noTransaction = false;
		Set<Integer> blank = new HashSet<>();
		for (int i = 0; i < lines.count(); i++) {
			if (!lines.isComment(i)) {
				if (up < 0 && down < 0 && lines.isStatement(i)) {
					throw LayoutException.content(BEFORE_SECTIONS, i + 1);
				}
				continue;
			}
			String text = lines.text(i);
			if (!text.startsWith(MARKER)) {
				continue; // another comment
			}
			String annotation = text.substring(MARKER.length()).strip();
			switch (annotation.toLowerCase(Locale.ROOT)) {
				case "up" -> {
					if (up >= 0) {
						throw LayoutException.content("a second -- +goose Up annotation (the first is on line " + (up + 1)
								+ "): a file has one up section; remove one", i + 1);
					}
					up = i;
				}
				case "down" -> {
					if (down >= 0) {
						throw LayoutException.content("a second -- +goose Down annotation (the first is on line "
								+ (down + 1) + "): a file has one down section; remove one", i + 1);
					}
					down = i;
				}
				case "statementbegin" -> {
					if (statementBegin >= 0) {
						throw LayoutException.content("-- +goose StatementBegin inside the statement begun on line "
								+ (statementBegin + 1) + ": add the -- +goose StatementEnd that closes it", i + 1);
					}
					statementBegin = i;
				}
				case "statementend" -> {
					if (statementBegin < 0) {
						throw LayoutException.content("-- +goose StatementEnd without a StatementBegin before it:"
								+ " add the StatementBegin or remove this line", i + 1);
					}
					statementBegin = -1;
				}
				case "no transaction" -> noTransaction = true;
				default -> throw LayoutException.content("unknown goose annotation '" + annotation + "'"
						+ (annotation.toLowerCase(Locale.ROOT).startsWith("envsub")
								? ": Cairn does not substitute environment variables; write the values into the SQL"
								: ": Cairn reads Up, Down, StatementBegin, StatementEnd and NO TRANSACTION"),
						i + 1);
			}
			blank.add(i);
		}
		if (statementBegin >= 0) {
			throw LayoutException.content("-- +goose StatementBegin has no StatementEnd: add one after the statement",
					statementBegin + 1);
		}
		if (up < 0) {
			throw LayoutException.content("no -- +goose Up annotation: goose files start their up section with"
					+ " -- +goose Up (add it), or set the location's layout to what the file follows", 1);
		}
		List<LayoutEntry> entries = new ArrayList<>(2);
		entries.add(Sections.entry(file, name, MigrationFileName.Kind.UP, lines, up, end(up, down, lines), blank,
				noTransaction));
		if (down >= 0) {
			entries.add(Sections.entry(file, name, MigrationFileName.Kind.DOWN, lines, down, end(down, up, lines), blank,
					noTransaction));
		}
		return entries;
	}

	/** Where the section starting at {@code start} ends: at the other one if it follows, else at the end. */
	static int end(int start, int other, Lines lines) {
		return (other > start) ? other : lines.count();
	}

}
