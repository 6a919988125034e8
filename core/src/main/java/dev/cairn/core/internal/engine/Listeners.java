package dev.cairn.core.internal.engine;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.MigrationListener;

/**
 * Calls every listener, and keeps a failing listener from changing the run.
 */
public final class Listeners implements MigrationListener {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<MigrationListener> listeners;

	public Listeners(List<MigrationListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	private void each(String track, Consumer<MigrationListener> call) {
		for (MigrationListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Track '{}': migration listener {} failed; the run goes on", track, listener.getClass().getName(),
						ex);
			}
		}
	}

	@Override
	public void runStarted(RunStarted event) {
		each(event.track(), (listener) -> listener.runStarted(event));
	}

	@Override
	public void lockWaiting(LockWaiting event) {
		each(event.track(), (listener) -> listener.lockWaiting(event));
	}

	@Override
	public void lockAcquired(LockAcquired event) {
		each(event.track(), (listener) -> listener.lockAcquired(event));
	}

	@Override
	public void planned(Planned event) {
		each(event.track(), (listener) -> listener.planned(event));
	}

	@Override
	public void migrationStarted(MigrationStarted event) {
		each(event.track(), (listener) -> listener.migrationStarted(event));
	}

	@Override
	public void migrationApplied(MigrationApplied event) {
		each(event.track(), (listener) -> listener.migrationApplied(event));
	}

	@Override
	public void migrationProgress(MigrationProgress event) {
		each(event.track(), (listener) -> listener.migrationProgress(event));
	}

	@Override
	public void migrationFailed(MigrationFailed event) {
		each(event.track(), (listener) -> listener.migrationFailed(event));
	}

	@Override
	public void migrationRunning(MigrationRunning event) {
		each(event.track(), (listener) -> listener.migrationRunning(event));
	}

	@Override
	public void runFinished(RunFinished event) {
		each(event.track(), (listener) -> listener.runFinished(event));
	}

	@Override
	public void statementWaiting(StatementWaiting event) {
		each(event.track(), (listener) -> listener.statementWaiting(event));
	}

	@Override
	public void lockTimedOut(LockTimedOut event) {
		each(event.track(), (listener) -> listener.lockTimedOut(event));
	}

}
