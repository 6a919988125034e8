package dev.cairn.core.internal.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.Location;
import dev.cairn.core.Problem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which classpath folders are compared with a source folder, and what a difference is.
 */
class BuildOutputCheckTests {

	private static final Location LOCATION = Location.parse("classpath:db/migrations");

	@TempDir
	Path folder;

	@Test
	void aFolderInAJarIsNotCompared() {
		assertThat(check("jar:file:/srv/app.jar!/BOOT-INF/classes/db/migrations/", Map.of())).isEmpty();
	}

	@Test
	void aFolderOutsideABuildOutputIsNotCompared() throws IOException {
		Path migrations = Files.createDirectories(this.folder.resolve("app/db/migrations"));
		assertThat(check(migrations.toUri().toString(), Map.of("000001_a.up.sql", bytes("x")))).isEmpty();
	}

	@Test
	void aBuildOutputWithoutASourceFolderIsNotCompared() throws IOException {
		// A build may generate migrations into its output; there is nothing to compare them with.
		Path copy = Files.createDirectories(this.folder.resolve("app/target/classes/db/migrations"));
		assertThat(check(copy.toUri().toString(), Map.of("000001_a.up.sql", bytes("x")))).isEmpty();
	}

	@Test
	void anIdenticalCopyIsFine() throws IOException {
		Path copy = Files.createDirectories(this.folder.resolve("app/target/test-classes/db/migrations"));
		Path sources = Files.createDirectories(this.folder.resolve("app/src/test/resources/db/migrations"));
		Files.writeString(sources.resolve("000001_a.up.sql"), "x");
		Files.writeString(sources.resolve("README.md"), "not a migration");
		assertThat(check(copy.toUri().toString(), Map.of("000001_a.up.sql", bytes("x")))).isEmpty();
	}

	@Test
	void aDeletedFileIsAnErrorAndAChangedOrAddedOneAWarning() throws IOException {
		Path copy = Files.createDirectories(this.folder.resolve("app/target/classes/db/migrations"));
		Path sources = Files.createDirectories(this.folder.resolve("app/src/main/resources/db/migrations"));
		Files.writeString(sources.resolve("000001_a.up.sql"), "changed");
		Files.writeString(sources.resolve("000003_c.up.sql"), "new");
		List<Problem> problems = check(copy.toUri().toString(),
				Map.of("000001_a.up.sql", bytes("x"), "000002_b.up.sql", bytes("y")));
		assertThat(problems).hasSize(2);
		assertThat(problems.get(0).severity()).isEqualTo(Problem.Severity.ERROR);
		assertThat(problems.get(0).files()).containsExactly("000002_b.up.sql");
		assertThat(problems.get(1).severity()).isEqualTo(Problem.Severity.WARNING);
		assertThat(problems.get(1).files()).containsExactly("000001_a.up.sql", "000003_c.up.sql");
		assertThat(problems.get(1).message()).contains("000001_a.up.sql changed in the sources",
				"000003_c.up.sql added to the sources but not copied yet");
	}

	private static List<Problem> check(String root, Map<String, byte[]> copied) {
		List<Problem> problems = new ArrayList<>();
		BuildOutputCheck.check(LOCATION, root, copied, problems);
		return problems;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
