package dev.cairn.core.internal.scan;

import dev.cairn.core.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MigrationScannerTests {

	@TempDir
	Path folder;

	@Test
	void readsFilesystemFoldersRecursivelyAndIgnoresNonSqlFiles() throws IOException {
		Files.createDirectories(this.folder.resolve("2026"));
		Files.writeString(this.folder.resolve("000001_a.up.sql"), "a");
		Files.writeString(this.folder.resolve("2026/000002_b.up.sql"), "b");
		Files.writeString(this.folder.resolve("README.md"), "docs");
		Files.writeString(this.folder.resolve(".gitkeep"), "");
		MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
			.scan(List.of(Location.parse("filesystem:" + this.folder)));
		assertThat(result.problems()).isEmpty();
		assertThat(result.files()).extracting(ScannedFile::name).containsExactly("000001_a.up.sql", "2026/000002_b.up.sql");
	}

	@Test
	void readsEveryByteOfEmptySmallAndLargeFiles() throws IOException {
		byte[][] contents = { new byte[0], bytes(1), bytes(16 * 1024 - 1), bytes(16 * 1024), bytes(16 * 1024 + 1),
				bytes(3 * 1024 * 1024 + 7) };
		for (int i = 0; i < contents.length; i++) {
			Files.write(this.folder.resolve(String.format("%06d_f.up.sql", i + 1)), contents[i]);
		}
		MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
			.scan(List.of(Location.parse("filesystem:" + this.folder)));
		assertThat(result.problems()).isEmpty();
		assertThat(result.files()).extracting(ScannedFile::content).containsExactly(contents);
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + i / 251);
		}
		return bytes;
	}

	@Test
	void readsAKubernetesConfigMapVolumeOnceSkippingHiddenFoldersAndNotFollowingFolderLinks() throws IOException {
		// The layout kubelet writes: files are links through ..data to a hidden, timestamped folder.
		Path data = Files.createDirectories(this.folder.resolve("..2026_11_22_10_00_00.123"));
		Files.writeString(data.resolve("000001_a.up.sql"), "a");
		Files.writeString(data.resolve("000002_b.up.sql"), "b");
		Files.createSymbolicLink(this.folder.resolve("..data"), data.getFileName());
		Files.createSymbolicLink(this.folder.resolve("000001_a.up.sql"), Path.of("..data/000001_a.up.sql"));
		Files.createSymbolicLink(this.folder.resolve("000002_b.up.sql"), Path.of("..data/000002_b.up.sql"));
		Files.createDirectories(this.folder.resolve(".git"));
		Files.writeString(this.folder.resolve(".git/000003_c.up.sql"), "c");
		Path elsewhere = Files.createDirectories(this.folder.resolveSibling(this.folder.getFileName() + "-linked"));
		Files.writeString(elsewhere.resolve("000004_d.up.sql"), "d");
		Files.createSymbolicLink(this.folder.resolve("linked"), elsewhere);
		MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
			.scan(List.of(Location.parse("filesystem:" + this.folder)));
		assertThat(result.problems()).isEmpty();
		assertThat(result.files()).extracting(ScannedFile::name).containsExactly("000001_a.up.sql", "000002_b.up.sql");
		assertThat(result.files()).extracting((file) -> new String(file.content(), StandardCharsets.UTF_8))
			.containsExactly("a", "b");
	}

	@Test
	void aFolderThatCannotBeListedIsAProblemNamingTheLocation() throws IOException {
		Path sub = Files.createDirectories(this.folder.resolve("2026"));
		Files.writeString(sub.resolve("000001_a.up.sql"), "a");
		boolean denied = sub.toFile().setReadable(false) && sub.toFile().list() == null;
		try {
			assumeTrue(denied, "permissions do not stop this user from listing folders (running as root?)");
			MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
				.scan(List.of(Location.parse("filesystem:" + this.folder)));
			assertThat(result.files()).isEmpty();
			assertThat(result.problems()).singleElement()
				.satisfies((problem) -> assertThat(problem.message()).contains(this.folder.toString(), "cannot list",
						"AccessDeniedException", "2026", "check its permissions"));
		}
		finally {
			sub.toFile().setReadable(true);
		}
	}

	@Test
	void missingLocationIsAProblemNamingIt() {
		MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
			.scan(List.of(Location.parse("filesystem:" + this.folder.resolve("nope")),
					Location.parse("classpath:no/such/folder")));
		assertThat(result.problems()).extracting(Problem::kind)
			.containsExactly(Problem.Kind.MISSING_LOCATION, Problem.Kind.MISSING_LOCATION);
		assertThat(result.problems().get(1).message()).contains("classpath:no/such/folder", "does not exist");
	}

	@Test
	void missingDefaultLocationOnlyWarnsBecauseThereAreNoMigrationsYet() {
		MigrationScanner.Result result = new MigrationScanner(new java.net.URLClassLoader(new URL[0], null))
			.scan(List.of(Location.parse("classpath:db/migrations")));
		assertThat(result.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.isError()).isFalse();
			assertThat(problem.message()).contains("no migrations yet");
		});
	}

	@Test
	void emptyFolderIsFine() {
		MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
			.scan(List.of(Location.parse("filesystem:" + this.folder)));
		assertThat(result.problems()).isEmpty();
		assertThat(result.files()).isEmpty();
	}

	@Test
	void readsClasspathLocationsInsideJars() throws IOException {
		Path jar = this.folder.resolve("migrations.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			// Jars built by Maven and Gradle carry directory entries; the scan relies on them.
			for (String folder : List.of("db/", "db/other/", "db/migrations/", "db/migrations/sub/")) {
				out.putNextEntry(new JarEntry(folder));
				out.closeEntry();
			}
			entry(out, "db/other/000009_not_mine.up.sql", "x");
			entry(out, "db/migrations/000001_a.up.sql", "CREATE TABLE a (id int);");
			entry(out, "db/migrations/sub/000002_b.up.sql", "CREATE TABLE b (id int);");
			entry(out, "db/migrations/notes.txt", "not a migration");
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			MigrationScanner.Result result = new MigrationScanner(loader)
				.scan(List.of(Location.parse("classpath:db/migrations")));
			assertThat(result.problems()).isEmpty();
			assertThat(result.files()).extracting(ScannedFile::name)
				.containsExactly("000001_a.up.sql", "sub/000002_b.up.sql");
			assertThat(new String(result.files().get(0).content(), StandardCharsets.UTF_8))
				.isEqualTo("CREATE TABLE a (id int);");
		}
	}

	@Test
	void unreadableFileIsAProblemNamingIt() throws IOException {
		Path file = Files.writeString(this.folder.resolve("000001_a.up.sql"), "a");
		assumeTrue(file.toFile().setReadable(false) && !Files.isReadable(file),
				"permissions do not stop this user from reading files (running as root?)");
		MigrationScanner.Result result = new MigrationScanner(getClass().getClassLoader())
			.scan(List.of(Location.parse("filesystem:" + this.folder)));
		assertThat(result.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).contains("000001_a.up.sql", "cannot be read"));
	}

	private static void entry(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		OutputStream stream = out;
		stream.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

}
