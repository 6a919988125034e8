package dev.cairn.core.faults;

import java.time.Duration;

import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.RecoveryPolicy;

/**
 * A separate JVM that runs one migrate, for faults that are about processes (racing
 * instances, kill -9). Arguments: JDBC URL, migrations folder, lock timeout in ms, recovery
 * policy. Exit code 0 on success (prints "applied N"), 2 on a Cairn error (prints its message).
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

}
