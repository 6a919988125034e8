package dev.cairn.core;

import java.nio.file.Path;

import dev.cairn.core.internal.engine.Track;
import dev.cairn.core.internal.scan.NextMigrationNames;

/**
 * The migration engine, the public face of Cairn. Thread-safe; every operation takes its own
 * connection from the configured DataSource and gives it back.
 *
 * <p>Each operation runs on the configuration's track; how a run goes, step by step, is told
 * in one place, the javadoc of the internal {@code Track}, and in {@code src/docs/architecture.md}.
 * Failures are {@link CairnException}s whose messages say what, where and what to do.
 */
public final class Cairn {

	private final CairnConfiguration configuration;

	private final Track track;

	public Cairn(CairnConfiguration configuration) {
		this.configuration = configuration;
		this.track = new Track(configuration);
	}

	public CairnConfiguration configuration() {
		return this.configuration;
	}

	/**
	 * Lints every migration in the locations without a database (for a build plugin, a CLI or a CI
	 * step): rules that use the catalog report every table not created in the files themselves.
	 * @param locations as {@link CairnConfiguration.Builder#locations} takes them
	 * @param settings the policies and the large-table size
	 * @param classLoader the class loader classpath locations are read with
	 */
	public static LintReport lint(java.util.List<String> locations, LintSettings settings, ClassLoader classLoader) {
		return Track.lintOffline(locations, settings, classLoader);
	}

	/**
	 * Applies every pending migration.
	 * @return what ran
	 * @throws CairnValidationException if files or history have problems; nothing was applied
	 * @throws LockTimeoutException if another session held the lock too long; nothing was applied
	 * @throws MigrationFailedException if a migration failed; earlier ones stay applied
	 * @throws CairnException if the database cannot be reached or the history table is unusable
	 */
	public MigrateResult migrate() {
		return this.track.migrate(null);
	}

	/**
	 * Applies the pending migrations up to and including {@code target}, which must exist on
	 * disk; higher ones stay pending.
	 */
	public MigrateResult migrateTo(Version target) {
		return this.track.migrate(target);
	}

	/**
	 * Applies only the next {@code steps} pending migrations, in the order {@link #migrate()}
	 * applies them (gaps first, as there); the rest stay pending. Fewer pending than asked for
	 * applies those, and none is a no-op.
	 * @param steps how many pending migrations to apply, at least 1
	 */
	public MigrateResult migrate(int steps) {
		if (steps < 1) {
			throw new CairnConfigurationException("migrate steps must be at least 1, not " + steps
					+ ": give how many of the pending migrations to apply");
		}
		return this.track.migrateSteps(steps);
	}

	/**
	 * Compares the files with history without taking the lock or changing anything; a missing
	 * history table reads as empty.
	 */
	public StatusReport status() {
		return this.track.status();
	}

	/**
	 * Reports every problem a migrate run would stop on, and how many migrations are pending,
	 * without taking the lock or changing anything.
	 */
	public ValidationResult validate() {
		return this.track.validate();
	}

	/**
	 * Undoes the {@code steps} most recently applied migrations with their down files, most
	 * recent first (applied order, not version order: a gap applied after higher versions is
	 * undone before them; {@link StatusReport#rollbackOrder()} shows the order). Every down file
	 * in the range is checked before anything runs.
	 */
	public RollbackResult rollback(int steps) {
		if (steps < 1) {
			throw new CairnConfigurationException("rollback steps must be at least 1, not " + steps);
		}
		return this.track.rollback(steps);
	}

	/**
	 * Undoes every applied migration above {@code target}, most recently applied first;
	 * {@code target} itself stays applied.
	 */
	public RollbackResult rollbackTo(Version target) {
		return this.track.rollbackTo(target);
	}

	/**
	 * After an operator fixed a failure by hand: removes failed, in-progress and undoing rows
	 * so those versions count as not applied. With {@code acceptChanges}, also records the
	 * current checksum, name and description of drifted and renamed migrations.
	 */
	public ChangeReport repair(boolean acceptChanges) {
		return this.track.repair(acceptChanges);
	}

	/**
	 * Records {@code version} as applied (its file must exist) or removes its row, without
	 * running any SQL: golang-migrate's "fix and force version".
	 */
	public ChangeReport force(Version version, boolean applied) {
		return this.track.force(version, applied);
	}

	/**
	 * For an existing database without Cairn history: records every on-disk migration up to
	 * {@code version} as applied without running it.
	 */
	public ChangeReport baseline(Version version) {
		return this.track.baseline(version);
	}

	/**
	 * Runs every pending migration inside one transaction that is always rolled back, and
	 * reports per migration whether it succeeded. Non-transactional migrations are reported as
	 * not provable and not run. Nothing is written, history included; the lock is held.
	 */
	public DryRunResult dryRun() {
		return this.track.dryRun();
	}

	/**
	 * Plans the next migration of a filesystem folder without touching any database: its
	 * files follow the folder's layout (recognised as the engine recognises it: golang-migrate,
	 * Flyway, goose, dbmate, Prisma or plain), numbering and padding, and its version is the highest
	 * one plus one (or the current time, for a folder numbered by timestamp). Write them with
	 * {@link NewMigration#write()}.
	 * @param folder the migrations folder; it need not exist yet
	 * @param name what the migration does, such as {@code add orders}; blanks become underscores
	 * @param options the layout, numbering and padding, where not as the folder's files are
	 * @return the plan
	 * @throws CairnConfigurationException if the name is unusable, the folder mixes layouts or
	 * holds {@code .sql} files the engine would refuse
	 */
	public static NewMigration newMigration(Path folder, String name, NewMigration.Options options) {
		return NextMigrationNames.plan(folder, name, options);
	}

}
