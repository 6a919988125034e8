package dev.cairn.core.internal.apply;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.AppliedMigration;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.MigrationType;
import dev.cairn.core.internal.history.HistoryTable;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.PreparedMigration;
import dev.cairn.core.internal.migration.PreparedJava;
import dev.cairn.core.internal.migration.PreparedSql;
import dev.cairn.core.internal.plan.PendingMigration;
import dev.cairn.core.internal.progress.MigrationWatch;

/**
 * Applies and undoes migrations of every kind: tells the listeners, logs, times, and hands
 * the work to the kind's {@link Applier}, which runs it together with its history write.
 */
public final class MigrationExecutor {

	private static final Logger logger = LoggerFactory.getLogger(MigrationExecutor.class);

	private final String track;

	private final MigrationListener listener;

	private final SqlApplier sql;

	private final CairnConfiguration configuration;

	private final JavaApplier java;

	public MigrationExecutor(CairnConfiguration configuration, HistoryTable history, MigrationListener listener) {
		this.track = configuration.track();
		this.listener = listener;
		this.sql = new SqlApplier(configuration, history, listener);
		this.java = new JavaApplier(configuration, history, listener);
		this.configuration = configuration;
	}

	public AppliedMigration apply(WorkSession session, PendingMigration pending, int index, int total) {
		Migration migration = pending.migration();
		this.listener.migrationStarted(new MigrationListener.MigrationStarted(this.track, migration.version(),
				migration.description(), migration.script(), pending.type(), index, total, Instant.now()));
		logger.info("Track '{}': applying {} ({}, {} of {})", this.track, migration.script(),
				(migration.version() != null) ? "version " + migration.version() : "repeatable", index, total);
		long start = System.nanoTime();
		try (MigrationWatch watch = watch(session, migration)) {
			applierOf(pending.prepared()).apply(session, pending.prepared(), pending.recovery());
		}
		catch (MigrationFailedException ex) {
			this.listener.migrationFailed(new MigrationListener.MigrationFailed(this.track, migration.version(),
					migration.displayName(), pending.type(), elapsed(start), ex));
			throw ex;
		}
		AppliedMigration applied = new AppliedMigration(migration.version(), migration.description(), migration.script(),
				pending.type(), pending.prepared().statementCount(), elapsed(start));
		logger.info("Track '{}': applied {} ({}, {}{}) in {} ms", this.track, migration.script(),
				(migration.version() != null) ? "version " + migration.version() : "repeatable", migration.description(),
				(pending.type() == MigrationType.SQL_NO_TRANSACTION || pending.type() == MigrationType.JAVA_NO_TRANSACTION)
						? ", no transaction" : "",
				applied.duration().toMillis());
		this.listener.migrationApplied(new MigrationListener.MigrationApplied(this.track, applied, index, total));
		return applied;
	}

	/** Undoes a migration with what {@link Migration#prepareUndo()} read, and removes its history row. */
	public AppliedMigration undo(WorkSession session, PreparedMigration undo) {
		Migration migration = undo.migration();
		long start = System.nanoTime();
		applierOf(undo).undo(session, undo);
		AppliedMigration undone = new AppliedMigration(migration.version(), migration.description(),
				migration.undoName(), undo.type(), undo.statementCount(), elapsed(start));
		logger.info("Track '{}': undid version {} ({}) with {} in {} ms", this.track, migration.version(),
				migration.description(), migration.undoName(), undone.duration().toMillis());
		return undone;
	}

	/** Reports the migration while it runs; lookups use a connection of their own unless the data source has only one. */
	private MigrationWatch watch(WorkSession session, Migration migration) {
		return MigrationWatch.start(this.track, migration.version(), migration.script(), session.pid(),
				session.sharesLockSession() ? null : this.configuration.dataSource(), this.listener,
				this.configuration.progressInterval());
	}

	// The kinds are sealed: a new kind adds its applier here.
	@SuppressWarnings("unchecked")
	private <P extends PreparedMigration> Applier<P> applierOf(P prepared) {
		if (prepared instanceof PreparedSql) {
			return (Applier<P>) this.sql;
		}
		if (prepared instanceof PreparedJava) {
			return (Applier<P>) this.java;
		}
		throw new IllegalStateException("No applier for " + prepared.getClass().getName());
	}

	private static Duration elapsed(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
