package dev.cairn.core.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cairn.core.RecoveryPolicy;

/**
 * A {@link MigrateProcess} started in its own JVM with the test classpath.
 */
final class Child {

	private final Process process;

	private final Path output;

	private Child(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	static Child start(String url, Path folder, long lockTimeoutMillis, RecoveryPolicy recovery, Path output)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// Small and quick to start: 16 of them share two cores.
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xmx64m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(MigrateProcess.class.getName());
		command.add(url);
		command.add(folder.toString());
		command.add(Long.toString(lockTimeoutMillis));
		command.add(recovery.name());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		return new Child(process, output);
	}

	/** Sends SIGKILL: no shutdown hooks, no finally blocks, sockets dropped by the kernel. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	int waitFor(long seconds) throws InterruptedException {
		if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("child did not finish in " + seconds + " s: " + output());
		}
		return this.process.exitValue();
	}

	/**
	 * Waits until the child has printed a line starting with {@code prefix} (see
	 * {@link MigrateProcess}), and returns it.
	 * @throws IllegalStateException if the child ends or {@code seconds} pass first
	 */
	String awaitLine(String prefix, long seconds) throws InterruptedException {
		return awaitLine(prefix, prefix, seconds);
	}

	/** Waits for the first line starting with either prefix, and returns it. */
	String awaitLine(String prefix, String otherPrefix, long seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < deadline) {
			String found = lines().stream()
				.filter((line) -> line.startsWith(prefix) || line.startsWith(otherPrefix))
				.findFirst()
				.orElse(null);
			if (found != null) {
				return found;
			}
			if (!this.process.isAlive()) {
				break;
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("child never printed '" + prefix + "' or '" + otherPrefix + "': " + output());
	}

	/** The child's output so far, line by line. */
	List<String> lines() {
		return output().lines().toList();
	}

	long pid() {
		return this.process.pid();
	}

	String output() {
		try {
			return java.nio.file.Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

}
