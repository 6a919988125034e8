package dev.cairn.sample.embedded;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A data directory still served by a PostgreSQL is reported at once, naming what to stop. This
 * JVM's own pid stands in for a live postmaster.
 */
class DataDirectoryCheckTests {

	@TempDir
	Path data;

	@Test
	void aDirectoryWithoutARunningServerIsFree() throws Exception {
		assertThatNoException().isThrownBy(() -> DataDirectoryCheck.assertFree(this.data));
		writePidFile(deadPid());
		assertThatNoException().isThrownBy(() -> DataDirectoryCheck.assertFree(this.data));
	}

	@Test
	void aServerLeftByAKilledRunIsNamedWithHowToStopIt() throws Exception {
		long pid = ProcessHandle.current().pid();
		writePidFile(pid);
		assertThatExceptionOfType(EmbeddedPostgresException.class)
			.isThrownBy(() -> DataDirectoryCheck.assertFree(this.data))
			.withMessageContaining("left running by an earlier run")
			.withMessageContaining("pid " + pid + ", port 54329")
			.satisfies((ex) -> assertThat(ex.action()).startsWith("Stop it with: kill " + pid));
	}

	@Test
	void aDirectoryAnotherApplicationUsesIsInUse() throws Exception {
		writePidFile(ProcessHandle.current().pid());
		try (FileChannel channel = FileChannel.open(this.data.resolve(DataDirectoryCheck.APPLICATION_LOCK),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			assertThatExceptionOfType(EmbeddedPostgresException.class)
				.isThrownBy(() -> DataDirectoryCheck.assertFree(this.data))
				.withMessageContaining("is in use by another process");
		}
	}

	private void writePidFile(long pid) throws Exception {
		Files.writeString(this.data.resolve("postmaster.pid"),
				pid + "\n" + this.data + "\n1763814000\n54329\n/tmp\nlocalhost\n  5432001  1\nready   \n");
	}

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		process.waitFor();
		return process.pid();
	}

}
