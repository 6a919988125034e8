package dev.cairn.core.catalogue;

import dev.cairn.test.Sql;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrateResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Locations: missing, not a folder, unreadable files, empty folders, malformed location strings.
 */
abstract class LocationCases extends CatalogueCases {

	@Test
	void missingFolderIsRefusedNamingIt() {
		Path missing = this.folder.resolve("no-such-folder");
		CairnException ex = refused("locations-01", "`filesystem:` location that does not exist",
				() -> new Cairn(configure().locations("filesystem:" + missing).build()).migrate());
		assertThat(ex.getMessage()).contains(missing.toString(), "does not exist", "create it, or fix the configured"
				+ " locations");
	}

	@Test
	void locationThatIsAFileIsRefused() throws IOException {
		Path file = Files.writeString(this.folder.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
		CairnException ex = refused("locations-02", "`filesystem:` location naming a file, not a folder",
				() -> new Cairn(configure().locations("filesystem:" + file).build()).migrate());
		assertThat(ex.getMessage()).contains(file.toString(), "is not a folder");
	}

	@Test
	void missingClasspathLocationIsRefused() {
		CairnException ex = refused("locations-03", "`classpath:db/no-such-folder`",
				() -> new Cairn(configure().locations("classpath:db/no-such-folder").build()).migrate());
		assertThat(ex.getMessage()).contains("classpath:db/no-such-folder", "does not exist on the classpath");
	}

	@Test
	void oneMissingLocationAmongSeveralIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		Path missing = this.folder.resolve("shared-migrations");
		CairnException ex = refused("locations-04", "two locations, the second missing",
				() -> new Cairn(configure().locations("filesystem:" + migrations(), "filesystem:" + missing).build())
					.migrate());
		assertThat(ex.getMessage()).contains(missing.toString(), "does not exist");
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void fileThatCannotBeReadIsRefusedNamingIt() throws IOException {
		// /proc/self/mem fails every read at offset 0, for root too: an unreadable file on any account.
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		Files.createSymbolicLink(migrations().resolve("000002_b.up.sql"), Path.of("/proc/self/mem"));
		CairnException ex = refused("locations-05", "`000002_b.up.sql` that fails every read (I/O error)",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_b.up.sql", "cannot be read", "check the file");
	}

	@Test
	void fileWithoutReadPermissionIsRefusedNamingIt() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000002_b.up.sql", "CREATE TABLE b (id int);");
		Files.setPosixFilePermissions(migrations().resolve("000002_b.up.sql"), PosixFilePermissions.fromString("---------"));
		// Not in the catalogue: it cannot run as root, and the catalogue must not depend on the account.
		assertThatThrownBy(() -> cairn().migrate()).isInstanceOf(CairnException.class)
			.hasMessageContaining("000002_b.up.sql")
			.hasMessageContaining("check the file's permissions");
		assertThat(Sql.tableExists(database(), "public.cairn_history")).isFalse();
	}

	@Test
	void danglingSymbolicLinkIsRefusedNamingIt() throws IOException {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		Files.createSymbolicLink(migrations().resolve("000002_b.up.sql"), this.folder.resolve("moved-away.sql"));
		CairnException ex = refused("locations-06", "`000002_b.up.sql`: a symbolic link whose target is gone",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000002_b.up.sql", "moved-away.sql", "does not exist");
	}

	@Test
	void emptyFolderIsFine() {
		MigrateResult result = accepted("locations-07", "an empty migrations folder",
				"accepted, nothing to apply; only the history table is created", () -> cairn().migrate());
		assertThat(result.isNoOp()).isTrue();
		assertThat(history()).isEmpty();
	}

	@Test
	void folderWithoutMigrationsIsFine() {
		write("README.md", "# migrations go here").write("notes/todo.txt", "later");
		MigrateResult result = accepted("locations-08", "a folder holding only `README.md` and `notes/todo.txt`",
				"accepted, nothing to apply", () -> cairn().migrate());
		assertThat(result.isNoOp()).isTrue();
	}

	@ParameterizedTest(name = "{1}")
	@CsvSource(delimiter = '|', textBlock = """
			locations-09| s3://bucket/migrations| unknown prefix
			locations-10| classpath:db/*/migrations| wildcard
			locations-11| classpath:/| classpath root
			locations-12| filesystem:| no path after 'filesystem:'
			locations-13| '  '| is empty
			""")
	void malformedLocationIsRefusedWhenTheConfigurationIsBuilt(String id, String location, String reason) {
		CairnException ex = refused(id, "location `" + location + "`", "refused when the configuration is built",
				() -> configure().locations(location).build());
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains("location '", reason);
	}

	@Test
	void emptyListOfLocationsIsRefused() {
		CairnException ex = refused("locations-14", "no locations at all", "refused when the configuration is built",
				() -> CairnConfiguration.builder().dataSource(database()).locations(new String[0]).build());
		assertThat(ex.getMessage()).contains("locations is empty", "classpath:db/migrations");
	}

	@Test
	void aStaleBuildOutputCopyHoldingAFileDeletedFromTheSourcesIsRefusedNamingItAndTheFix() throws Exception {
		Path module = this.folder.resolve("service");
		Path copy = Files.createDirectories(module.resolve("target/classes/db/migrations"));
		Path sources = Files.createDirectories(module.resolve("src/main/resources/db/migrations"));
		Files.writeString(copy.resolve("000001_a.up.sql"), "CREATE TABLE a (id int);");
		Files.writeString(copy.resolve("000002_dropped.up.sql"), "CREATE TABLE dropped (id int);");
		Files.writeString(sources.resolve("000001_a.up.sql"), "CREATE TABLE a (id int);");
		try (URLClassLoader classes = new URLClassLoader(new URL[] { module.resolve("target/classes").toUri().toURL() },
				null)) {
			CairnException ex = refused("locations-15",
					"`target/classes/db/migrations` still holding `000002_dropped.up.sql`, deleted from"
							+ " `src/main/resources/db/migrations` (a run from an exploded build)",
					() -> new Cairn(configure().classLoader(classes).locations("classpath:db/migrations").build())
						.migrate());
			assertThat(ex.getMessage()).contains("000002_dropped.up.sql", "deleted from the sources",
					"./mvnw clean process-resources");
		}
		assertThat(Sql.tableExists(database(), "public.dropped")).isFalse();
	}

	@Test
	void aJarWithoutDirectoryEntriesIsRefusedSayingWhyItsFolderIsNotFound() throws Exception {
		Path jar = this.folder.resolve("library.jar");
		try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
			// Only the file entry: no "db/" or "db/library/" entries, as some jar tools write them.
			out.putNextEntry(new java.util.jar.JarEntry("db/library/000001_a.up.sql"));
			out.write("CREATE TABLE from_jar (id int);".getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
		}
		try (URLClassLoader classes = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			CairnException ex = refused("locations-17", "`classpath:db/library` whose files are in a jar written without"
					+ " directory entries", () -> new Cairn(configure().classLoader(classes)
						.locations("classpath:db/library")
						.build()).migrate());
			assertThat(ex.getMessage()).contains("does not exist on the classpath", "directory entries");
		}
		assertThat(Sql.tableExists(database(), "public.from_jar")).isFalse();
	}

	@Test
	void aBuildOutputCopyWithAChangedFileRunsTheCopyWithAWarning() throws Exception {
		Path module = this.folder.resolve("service");
		Path copy = Files.createDirectories(module.resolve("build/resources/main/db/migrations"));
		Path sources = Files.createDirectories(module.resolve("src/main/resources/db/migrations"));
		Files.writeString(copy.resolve("000001_a.up.sql"), "CREATE TABLE a (id int);");
		Files.writeString(sources.resolve("000001_a.up.sql"), "CREATE TABLE a (id bigint);");
		try (URLClassLoader classes = new URLClassLoader(
				new URL[] { module.resolve("build/resources/main").toUri().toURL() }, null)) {
			MigrateResult result = accepted("locations-16",
					"`build/resources/main/db/migrations/000001_a.up.sql` differing from its source (not copied yet,"
							+ " or filtered)",
					"accepted with a warning naming the file and the fix; the copy runs",
					() -> new Cairn(configure().classLoader(classes).locations("classpath:db/migrations").build())
						.migrate());
			assertThat(result.warnings()).singleElement()
				.satisfies((warning) -> assertThat(warning.message()).contains("000001_a.up.sql", "changed in the sources",
						"./gradlew clean processResources"));
		}
	}

}
