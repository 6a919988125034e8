package dev.cairn.core.internal.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.MigrationCatalog;

/**
 * History in one text, read by a migrate run in place of its rows: {@code version checksum
 * script} of every row, one line each, in the order of {@link #ORDER}, with the number of rows
 * and of rows that are not plainly applied (another state, no checksum, or a value holding the
 * separator that follows it, so that no row can pass for another or for two). On the restart of a service that is up to date it equals the text made
 * the same way from the files, and the run is over after one small read instead of decoding
 * every row and planning every migration.
 *
 * <p>{@link #upToDate} answers yes only for the case in which the planner could find nothing to
 * do and nothing to say: every row applied, with a checksum, one row per versioned migration on
 * disk with its exact version text, script and checksum, and no repeatables and no problems
 * with the files. Anything else (a pending migration, drift, a rename, an interrupted
 * migration, a row from another release, versions whose order the text order does not follow)
 * makes the texts differ, and the run reads the rows and plans as always. A difference can only
 * cost that second read, never hide a problem.
 */
public final class HistorySummary {

	/**
	 * The SQL order of the lines, which for versions of digits only is version order. Other
	 * versions may come out in another order than the files': the texts then differ.
	 */
	static final String ORDER = "length(version), version COLLATE \"C\"";

	/** The SQL of one row's line. */
	static final String LINE = "version || ' ' || checksum || ' ' || script";

	/** The SQL condition of a row that is not plainly applied, or holds a separator in a value. */
	static final String UNSETTLED = "state IS DISTINCT FROM 'applied' OR checksum IS NULL OR strpos(version, ' ') > 0"
			+ " OR strpos(checksum, ' ') > 0 OR strpos(script, E'\\n') > 0";

	/** The same order in Java: ASCII text compares as the C collation does. */
	private static final Comparator<Migration> BY_VERSION_TEXT = new Comparator<>() {

		@Override
		public int compare(Migration a, Migration b) {
			String x = a.version().toString();
			String y = b.version().toString();
			return (x.length() != y.length()) ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
		}

	};

	// The files' text of the catalog last compared: a fleet compares the same catalog for every tenant.
	private static volatile @Nullable Expected last;

	private final long rows;

	private final long unsettled;

	private final String text;

	HistorySummary(long rows, long unsettled, @Nullable String text) {
		this.rows = rows;
		this.unsettled = unsettled;
		this.text = (text != null) ? text : "";
	}

	/** The number of rows in the table. */
	public long rows() {
		return this.rows;
	}

	/** Whether history is exactly the catalog's versioned migrations, every one applied as it is on disk. */
	public boolean upToDate(MigrationCatalog catalog) {
		return this.rows > 0 && this.unsettled == 0
				&& this.rows == catalog.migrations().size() && catalog.repeatables().isEmpty()
				&& catalog.problems().isEmpty() && this.text.equals(expected(catalog));
	}

	/**
	 * The text of the history that has every migration applied as it is on disk, or {@code null}
	 * when a value holds a separator (such a row is one the SQL counts as unsettled).
	 */
	private static @Nullable String expected(MigrationCatalog catalog) {
		Expected known = last;
		if (known != null && known.catalog() == catalog) {
			return known.text();
		}
		List<Migration> migrations = new ArrayList<>(catalog.migrations());
		migrations.sort(BY_VERSION_TEXT); // already in that order when versions are numbers
		StringBuilder text = new StringBuilder(migrations.size() * 100);
		for (Migration migration : migrations) {
			String checksum = migration.checksum();
			String script = migration.script();
			if (checksum.indexOf(' ') >= 0 || script.indexOf('\n') >= 0) {
				text = null;
				break;
			}
			if (text.length() > 0) {
				text.append('\n');
			}
			text.append(migration.version().toString()).append(' ').append(checksum).append(' ').append(script);
		}
		String made = (text != null) ? text.toString() : null;
		last = new Expected(catalog, made);
		return made;
	}

	private record Expected(MigrationCatalog catalog, @Nullable String text) {
	}

}
