package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.MigrationListener;
import dev.cairn.core.internal.migration.PreparedJava;

/**
 * A Java migration tried in a dry run: its {@code migrate} runs inside the dry run's
 * transaction (the caller holds a savepoint around it), with
 * {@link dev.cairn.core.JavaMigrationContext#dryRun()} true.
 */
public final class JavaTrial {

	private JavaTrial() {
	}

	/**
	 * What went wrong, or {@code null} when it ran.
	 * @throws Ended if it ended the dry run's transaction itself, so nothing after it can be tried
	 */
	public static @Nullable String run(Connection connection, PreparedJava prepared, String track,
			dev.cairn.core.JavaMigrationScope scope) throws SQLException {
		JavaContext context = new JavaContext(connection, true, true, track, prepared.migration().version(),
				prepared.migration().script(), new MigrationListener() {
				}, scope);
		// Only the driver's flag (the dry run's transaction is open), so savepoints work; put back after.
		connection.setAutoCommit(false);
		Throwable thrown = JavaApplier.run(prepared.migration().instance(), false, context);
		String misuse = JavaApplier.misuse(null, context, true);
		// Auto-commit goes back on after the dry run's ROLLBACK (DryRun): turning it on now would commit.
		if (misuse != null && misuse.startsWith("ended the transaction")) {
			throw new Ended("it " + misuse);
		}
		if (misuse != null) {
			return "it " + misuse;
		}
		return (thrown != null) ? JavaApplier.describe(thrown) : null;
	}

	/** The migration ended the dry run's transaction: the trial cannot go on. */
	public static final class Ended extends SQLException {

		private static final long serialVersionUID = 1L;

		Ended(String message) {
			super(message);
		}

	}

}
