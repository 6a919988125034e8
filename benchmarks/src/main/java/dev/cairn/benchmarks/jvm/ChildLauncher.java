package dev.cairn.benchmarks.jvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a child JVM on this JVM's class path and reads its protocol lines, noting for each
 * line the time since launch as this process saw it. Standard error goes to a log file.
 */
public final class ChildLauncher {

	private final Path logDir;

	private final long timeoutSeconds;

	public ChildLauncher(Path logDir, long timeoutSeconds) {
		this.logDir = logDir;
		this.timeoutSeconds = timeoutSeconds;
	}

	/** What a child reported: its values, and when (nanoseconds after launch) each arrived. */
	public record Report(Map<String, Long> values, Map<String, Long> arrivals, long exitNanos) {

		public long value(String key) {
			Long value = this.values.get(key);
			if (value == null) {
				throw new IllegalStateException("The child did not report " + key + "; it reported " + this.values);
			}
			return value;
		}

		public long arrival(String key) {
			value(key);
			return this.arrivals.get(key);
		}

	}

	public Report run(String logName, List<String> jvmOptions, String mainClass, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass);
		command.addAll(args);
		return run(logName, command);
	}

	public Report run(String logName, List<String> command) {
		try {
			Files.createDirectories(this.logDir);
			Path log = this.logDir.resolve(logName + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.PIPE);
			Map<String, Long> values = new HashMap<>();
			Map<String, Long> arrivals = new HashMap<>();
			long launch = System.nanoTime();
			Process process = builder.start();
			process.getOutputStream().close();
			Thread watchdog = watchdog(process);
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					long now = System.nanoTime() - launch;
					String[] parts = line.split(" ");
					if (parts.length == 3 && parts[0].equals(ChildMain.PREFIX)) {
						values.put(parts[1], Long.parseLong(parts[2]));
						arrivals.put(parts[1], now);
					}
				}
			}
			process.waitFor();
			long exit = System.nanoTime() - launch;
			watchdog.interrupt();
			if (exit > TimeUnit.SECONDS.toNanos(this.timeoutSeconds)) {
				throw new IllegalStateException("Child " + logName + " was stopped after " + this.timeoutSeconds
						+ " s; see " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("Child " + logName + " failed with exit code " + process.exitValue()
						+ "; see " + log + ":\n" + tail(log));
			}
			return new Report(values, arrivals, exit);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run child " + logName + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Ends a child that runs past the time limit, so a hung tool cannot hang the whole run. */
	private Thread watchdog(Process process) {
		Thread watchdog = new Thread(() -> {
			try {
				if (!process.waitFor(this.timeoutSeconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				// The child finished in time.
			}
		}, "child-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		return watchdog;
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	public static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
