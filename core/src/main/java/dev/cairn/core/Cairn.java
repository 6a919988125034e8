package dev.cairn.core;

import dev.cairn.core.internal.engine.Track;

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

}
