package dev.cairn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built distribution's launcher ({@code target/dist/bin/cairn}) as a process, in a
 * working directory of the test's, with only the environment the test gives (plus PATH,
 * JAVA_HOME and a class-data sharing folder under target/).
 */
final class CairnProcess {

	private static final Path DIST = Path.of(System.getProperty("cairn.cli.dist", "target/dist"));

	private final Path workDir;

	private final Map<String, String> environment = new LinkedHashMap<>();

	CairnProcess(Path workDir) {
		this.workDir = workDir;
	}

	CairnProcess env(String name, String value) {
		this.environment.put(name, value);
		return this;
	}

	Result run(String... args) {
		List<String> command = new ArrayList<>();
		command.add("sh");
		command.add(DIST.resolve("bin/cairn").toAbsolutePath().toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.workDir.toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("CAIRN_") || name.equals("DATABASE_URL") || name.equals("JAVA_OPTS"));
		env.put("CAIRN_CDS_DIR", DIST.resolve("../cds-it").toAbsolutePath().normalize().toString());
		env.putAll(this.environment);
		try {
			Path out = Files.createTempFile(this.workDir, "out", ".txt");
			Path err = Files.createTempFile(this.workDir, "err", ".txt");
			builder.redirectOutput(out.toFile()).redirectError(err.toFile());
			Process process = builder.start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("cairn " + String.join(" ", args) + " did not end within 90 s");
			}
			Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
			Files.delete(out);
			Files.delete(err);
			return result;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** What one run printed and returned. */
	record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit code " + this.exitCode + "\n--- stdout\n" + this.out + "--- stderr\n" + this.err;
		}

	}

}
