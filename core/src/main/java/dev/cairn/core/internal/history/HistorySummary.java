package dev.cairn.core.internal.history;

import java.lang.ref.WeakReference;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.MigrationCatalog;

/**
 * History in three numbers, read by a migrate run in place of its rows: how many rows there
 * are, how many are not plainly applied (another state, no checksum, or a space in a version or
 * checksum, so that no row's line can pass for another's), and the sum of the hashes of every
 * row's line {@code version checksum script} ({@link #LINE}, hashed by the server with
 * {@code hashtextextended}, summed modulo 2<sup>64</sup>). The files give the same numbers when
 * history holds exactly them, every one applied as it is on disk; then a run with nothing to do
 * is over after one small read, instead of decoding every row and planning every migration.
 *
 * <p>{@link #upToDate} answers yes only where the planner could find nothing to do and nothing
 * to say: every row applied with a checksum, one row per versioned migration on disk with its
 * exact version text, script and checksum, no repeatables, no problems with the files. Anything
 * else (a pending migration, drift, a rename, an interrupted migration, a row from a newer
 * release) changes the numbers, and the run reads the rows and plans as always; so does a server
 * that hashes otherwise ({@link PgTextHash}). A difference can only cost that second read. The
 * one way to pass with other rows is a 64-bit collision of the sum, about one in 10<sup>19</sup>
 * for an accident, and history is not a security boundary: whoever may write it may write any
 * checksum.
 */
public final class HistorySummary {

	/** The SQL of one row's line, hashed byte for byte whatever the database's collation. */
	static final String LINE = "(version || ' ' || checksum || ' ' || script) COLLATE \"C\"";

	/** The SQL condition of a row that is not plainly applied, or whose line could be read two ways. */
	static final String UNSETTLED = "state IS DISTINCT FROM 'applied' OR checksum IS NULL OR strpos(version, ' ') > 0"
			+ " OR strpos(checksum, ' ') > 0";

	/** The summary's select list: rows, unsettled rows, the sum of the lines' hashes as text. */
	static final String SELECT = "count(*), count(*) FILTER (WHERE " + UNSETTLED + "), sum(hashtextextended(" + LINE
			+ ", 0))::text";

	// The numbers of the catalog last compared: every tenant of a fleet compares the same catalog. Held
	// weakly: a catalog can hold an application's Java migrations, and with them its class loader.
	private static volatile @Nullable Expected last;

	private final long rows;

	private final long unsettled;

	private final long hashSum;

	HistorySummary(long rows, long unsettled, @Nullable String hashSum) {
		this.rows = rows;
		this.unsettled = unsettled;
		this.hashSum = (hashSum != null) ? new BigInteger(hashSum).longValue() : 0;
	}

	/** The number of rows in the table. */
	public long rows() {
		return this.rows;
	}

	/** Whether history is exactly the catalog's versioned migrations, every one applied as it is on disk. */
	public boolean upToDate(MigrationCatalog catalog) {
		if (this.rows == 0 || this.unsettled != 0 || this.rows != catalog.migrations().size() || !comparable(catalog)) {
			return false;
		}
		Expected expected = expected(catalog);
		return expected.readable() && expected.hashSum() == this.hashSum;
	}

	/**
	 * Computes the files' side of the comparison now: a migrate run does it while its helper
	 * thread is still connecting, so the comparison after the read costs nothing.
	 */
	public static void prepare(MigrationCatalog catalog) {
		if (comparable(catalog)) {
			expected(catalog);
		}
	}

	/** Repeatables and problems with the files always need the planner. */
	private static boolean comparable(MigrationCatalog catalog) {
		return catalog.repeatables().isEmpty() && catalog.problems().isEmpty();
	}

	private static Expected expected(MigrationCatalog catalog) {
		Expected known = last;
		if (known != null && known.catalog().get() == catalog) {
			return known;
		}
		long sum = 0;
		boolean readable = true;
		for (Migration migration : catalog.migrations()) {
			String checksum = migration.checksum();
			if (checksum.indexOf(' ') >= 0) {
				readable = false; // the server counts such a row as unsettled
				break;
			}
			String line = migration.version() + " " + checksum + " " + migration.script();
			sum += PgTextHash.hash(line.getBytes(StandardCharsets.UTF_8), 0);
		}
		Expected made = new Expected(new WeakReference<>(catalog), sum, readable);
		last = made;
		return made;
	}

	private record Expected(WeakReference<MigrationCatalog> catalog, long hashSum, boolean readable) {
	}

}
