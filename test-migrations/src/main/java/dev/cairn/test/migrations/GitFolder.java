package dev.cairn.test.migrations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A folder of a git repository as it was at a revision, written to a temporary folder with
 * {@code git archive}: no checkout, so the working tree and the index stay as they are.
 */
final class GitFolder {

	private static final long TIMEOUT_SECONDS = 60;

	private GitFolder() {
	}

	/**
	 * Writes the folder's files at the revision to a new temporary folder.
	 * @return the folder holding them (the folder itself, not the repository's root)
	 */
	static Path at(Path repository, String revision, String folder) {
		if (revision == null || revision.isBlank() || revision.startsWith("-")) {
			throw new IllegalArgumentException("'" + revision + "' is not a git revision: give a tag, branch or commit,"
					+ " such as v1.4");
		}
		String relative = folder.replace('\\', '/').replaceAll("^/+|/+$", "");
		if (relative.isEmpty() || relative.startsWith("-") || relative.contains("..")) {
			throw new IllegalArgumentException("'" + folder + "' is not a folder inside the repository: give its path"
					+ " from the repository's root, such as src/main/resources/db/migrations");
		}
		String root = text(git(repository, "rev-parse", "--show-toplevel"), "rev-parse --show-toplevel", repository)
			.trim();
		Result commit = git(repository, "rev-parse", "--verify", "--quiet", revision + "^{commit}");
		if (commit.exit() != 0) {
			throw new IllegalArgumentException("git does not know the revision '" + revision + "' in " + root
					+ ": in a shallow clone (CI checkouts often are) fetch the history and tags first, such as"
					+ " git fetch --unshallow --tags, or fetch-depth: 0 on actions/checkout");
		}
		Result archive = git(Path.of(root), "archive", "--format=zip", revision, "--", relative);
		if (archive.exit() != 0) {
			throw new IllegalArgumentException("the folder " + relative + " held no files at " + revision + " in " + root
					+ " (git archive: " + archive.errorText().trim() + "): give its path from the repository's root as it"
					+ " was then");
		}
		try {
			Path target = Files.createTempDirectory("cairn-upgrade-from-");
			deleteOnExit(target);
			unzip(archive.output(), target);
			Path files = target.resolve(relative);
			if (!Files.isDirectory(files)) {
				throw new IllegalArgumentException(relative + " was a file, not a folder, at " + revision);
			}
			return files;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void unzip(byte[] zip, Path target) throws IOException {
		try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("git archive gave an entry outside the folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(in, path);
				}
			}
		}
	}

	private static void deleteOnExit(Path folder) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try (Stream<Path> paths = Files.walk(folder)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
			catch (IOException ex) {
				// A leftover temporary folder is harmless.
			}
		}, "cairn-upgrade-cleanup"));
	}

	private record Result(int exit, byte[] output, byte[] error) {

		String errorText() {
			return new String(this.error, StandardCharsets.UTF_8);
		}

	}

	private static String text(Result result, String command, Path repository) {
		if (result.exit() != 0) {
			throw new IllegalArgumentException(repository + " is not inside a git repository (git " + command + ": "
					+ result.errorText().trim() + ")");
		}
		return new String(result.output(), StandardCharsets.UTF_8);
	}

	private static Result git(Path directory, String... arguments) {
		List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run git (" + ex.getMessage() + "): install git, or read the previous"
					+ " release from a folder or a jar instead", ex);
		}
		try {
			process.getOutputStream().close();
			CompletableFuture<byte[]> error = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
			byte[] output = readAll(process.getInputStream());
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("git " + String.join(" ", arguments) + " did not finish in "
						+ TIMEOUT_SECONDS + " s");
			}
			return new Result(process.exitValue(), output, error.join());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException("Interrupted while git ran", ex);
		}
	}

	private static byte[] readAll(InputStream in) {
		try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			in.transferTo(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
