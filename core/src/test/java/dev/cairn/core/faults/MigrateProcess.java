package dev.cairn.core.faults;

import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.RecoveryPolicy;

/**
 * A separate JVM that runs one migrate, for faults that are about processes (racing
 * instances, kill -9). Arguments: JDBC URL, migrations folder, lock timeout in ms, recovery
 * policy. Exit code 0 on success (prints "applied N"), 2 on a Cairn error (prints its message).
 * Before that it prints a line per listener event ("event migrationStarted 3", "event lockWaiting
 * holder 4711"), flushed at once, so a parent that kills it knows what was under way.
 */
public final class MigrateProcess {

	private MigrateProcess() {
	}

	public static void main(String[] args) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		dataSource.setApplicationName("cairn-fault-" + ProcessHandle.current().pid());
		CairnConfiguration configuration = CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + args[1])
			.lockTimeout(Duration.ofMillis(Long.parseLong(args[2])))
			.recoveryPolicy(RecoveryPolicy.valueOf(args[3]))
			.listener(new Events())
			.build();
		try {
			MigrateResult result = new Cairn(configuration).migrate();
			System.out.println("applied " + result.applied().size());
			System.exit(0);
		}
		catch (CairnException ex) {
			System.out.println("failed: " + ex.getMessage());
			System.exit(2);
		}
	}

	/** Prints each event on a line of its own; System.out flushes at every line. */
	private static final class Events implements MigrationListener {

		@Override
		public void runStarted(RunStarted event) {
			System.out.println("event runStarted");
		}

		@Override
		public void lockWaiting(LockWaiting event) {
			System.out.println("event lockWaiting holder " + ((event.holder() != null) ? event.holder().pid() : "unknown"));
		}

		@Override
		public void lockAcquired(LockAcquired event) {
			System.out.println("event lockAcquired");
		}

		@Override
		public void migrationStarted(MigrationStarted event) {
			System.out.println("event migrationStarted " + event.version());
		}

		@Override
		public void migrationApplied(MigrationApplied event) {
			System.out.println("event migrationApplied " + event.migration().version());
		}

		@Override
		public void migrationFailed(MigrationFailed event) {
			System.out.println("event migrationFailed " + event.version());
		}

	}

}
