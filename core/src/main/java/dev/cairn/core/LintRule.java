package dev.cairn.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The linter's rules: statements that block an application's queries for long, or rewrite a
 * table, on a live database. The ids are part of the public contract ({@code cairn.lint.rules.<id>},
 * {@code -- cairn:lint-ignore <id> <reason>}).
 *
 * <p>Rules that {@link #usesCatalog() use the catalog}, when Cairn is connected, report only tables
 * that exist and are at least {@code cairn.lint.large-table-size} big; offline (no database), or for a
 * table whose size cannot be read, they report every table not created earlier in the same pending
 * migrations. The others report every table not created earlier in the pending migrations.
 */
public enum LintRule {

	CREATE_INDEX_BLOCKING(true, "CREATE INDEX (or ADD PRIMARY KEY / UNIQUE) without CONCURRENTLY on an existing table",
			"it holds a SHARE lock for the whole build, so every INSERT, UPDATE and DELETE on the table waits until the"
					+ " index is built",
			"CREATE INDEX CONCURRENTLY in a file with -- cairn:no-transaction; for a key, build the unique index"
					+ " concurrently, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX"),

	ADD_COLUMN_VOLATILE_DEFAULT(true, "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(),"
			+ " nextval, serial, a stored generated column)",
			"PostgreSQL must compute the default for every existing row, so it rewrites the whole table under an ACCESS"
					+ " EXCLUSIVE lock that blocks reads and writes",
			"add the column without a default (or with a constant one), set the default for new rows with ALTER COLUMN"
					+ " ... SET DEFAULT, and backfill existing rows in batches"),

	ALTER_COLUMN_TYPE(true, "ALTER COLUMN ... TYPE",
			"unless the types are binary-compatible (varchar(n) to a longer varchar or to text), the table is rewritten"
					+ " and its indexes rebuilt under an ACCESS EXCLUSIVE lock",
			"add a column of the new type, fill it in batches (and keep it filled with a trigger), then switch readers"
					+ " and drop the old column in a later release"),

	SET_NOT_NULL(true, "ALTER COLUMN ... SET NOT NULL without a validated CHECK (column IS NOT NULL)",
			"PostgreSQL scans the whole table to check for nulls while it holds an ACCESS EXCLUSIVE lock",
			"ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, then SET"
					+ " NOT NULL (PostgreSQL 12+ uses the validated check and skips the scan) and drop the check"),

	ADD_CONSTRAINT_WITHOUT_NOT_VALID(true, "ADD CONSTRAINT ... FOREIGN KEY or CHECK without NOT VALID",
			"the existing rows are checked while the table is locked (a foreign key also locks the table it references"
					+ " in SHARE ROW EXCLUSIVE mode), blocking writes for the whole scan",
			"ADD CONSTRAINT ... NOT VALID (instant, new rows are checked), then VALIDATE CONSTRAINT in a later"
					+ " migration, which takes a lock that lets reads and writes go on"),

	VALIDATE_IN_SAME_TRANSACTION(false, "VALIDATE CONSTRAINT in the same transaction that added it NOT VALID",
			"the ADD's lock is still held while VALIDATE scans, so the NOT VALID step gains nothing",
			"move VALIDATE CONSTRAINT into a later migration (its own transaction)"),

	RENAME(false, "RENAME of a table or column",
			"the application version still running during the rollout uses the old name and fails at once",
			"add the new name alongside the old (a view, or a new column kept in sync), deploy code that uses it, and"
					+ " remove the old name in a later release"),

	DROP(false, "DROP TABLE or DROP COLUMN",
			"the application version still running during the rollout may read or write it and fail; the data is gone"
					+ " for good",
			"stop using it in the code first (and, for a column, ignore it in the ORM), deploy, then drop it in a later"
					+ " release"),

	REINDEX_BLOCKING(true, "REINDEX without CONCURRENTLY",
			"it locks out writes to the table (and reads that use the index) for the whole rebuild",
			"REINDEX ... CONCURRENTLY (PostgreSQL 12+) in a file with -- cairn:no-transaction"),

	LOCK_TABLE(false, "LOCK TABLE",
			"an explicit lock is held until the migration's transaction ends, and every query on the table queues"
					+ " behind it",
			"let each statement take the lock it needs; if a lock really is needed, keep the migration short and"
					+ " rely on the lock timeout"),

	VACUUM_FULL(true, "VACUUM FULL",
			"it rewrites the table under an ACCESS EXCLUSIVE lock that blocks reads and writes for the whole rewrite",
			"plain VACUUM, or pg_repack / pg_squeeze, which rebuild without a long lock; run maintenance outside"
					+ " migrations"),

	CLUSTER(true, "CLUSTER",
			"it rewrites the table under an ACCESS EXCLUSIVE lock that blocks reads and writes for the whole rewrite",
			"pg_repack --order-by, or run it in a maintenance window outside migrations");

	private final boolean usesCatalog;

	private final String summary;

	private final String why;

	private final String safer;

	LintRule(boolean usesCatalog, String summary, String why, String safer) {
		this.usesCatalog = usesCatalog;
		this.summary = summary;
		this.why = why;
		this.safer = safer;
	}

	/** The rule's id, as settings and suppressions name it: {@code create-index-blocking}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** What the rule looks for. */
	public String summary() {
		return this.summary;
	}

	/** Why it is risky on a live database. */
	public String why() {
		return this.why;
	}

	/** The safer pattern. */
	public String safer() {
		return this.safer;
	}

	/** Whether, when connected, the rule reports only tables that exist and are large. */
	public boolean usesCatalog() {
		return this.usesCatalog;
	}

	/** The rule with this id ({@code create-index-blocking}; case and '_' for '-' do not matter). */
	public static Optional<LintRule> byId(String id) {
		String normalised = id.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		for (LintRule rule : values()) {
			if (rule.id().equals(normalised)) {
				return Optional.of(rule);
			}
		}
		return Optional.empty();
	}

}
