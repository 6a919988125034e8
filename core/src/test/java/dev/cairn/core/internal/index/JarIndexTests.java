package dev.cairn.core.internal.index;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.Location;
import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestEntry;
import dev.cairn.core.files.MigrationFolder;
import dev.cairn.core.internal.migration.InvalidMigrationException;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.MigrationResolver;
import dev.cairn.core.internal.scan.ScannedFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JarIndexTests {

	private static final Location LOCATION = Location.parse("classpath:db/migrations");

	@TempDir
	Path dir;

	private final Map<String, String> files = new LinkedHashMap<>();

	JarIndexTests() {
		this.files.put("db/migrations/000001_books.up.sql", "CREATE TABLE books (id int);");
		this.files.put("db/migrations/000001_books.down.sql", "DROP TABLE books;");
		this.files.put("db/migrations/sub/000002_a.up.sql", "CREATE TABLE a (id int);");
	}

	private String index(Map<String, String> contents) {
		List<ManifestEntry> entries = new ArrayList<>();
		contents.forEach((name, content) -> {
			if (name.startsWith("db/migrations/")) {
				String script = name.substring("db/migrations/".length());
				var file = MigrationFolder.file(script, content.getBytes(StandardCharsets.UTF_8));
				entries.add(new ManifestEntry(file.version(), false, file.checksum(), script));
			}
		});
		return new Manifest(entries).format();
	}

	private Path jar(String name, Map<String, String> contents, String index) throws IOException {
		Path jar = this.dir.resolve(name);
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			List<String> folders = new ArrayList<>(List.of("db/", "db/migrations/", "db/migrations/sub/"));
			for (String folder : folders) {
				out.putNextEntry(new JarEntry(folder));
				out.closeEntry();
			}
			for (Map.Entry<String, String> file : contents.entrySet()) {
				write(out, file.getKey(), file.getValue());
			}
			if (index != null) {
				write(out, Manifest.indexPath("db/migrations"), index);
			}
		}
		return jar;
	}

	private static void write(JarOutputStream out, String name, String content) throws IOException {
		out.putNextEntry(new JarEntry(name));
		OutputStream stream = out;
		stream.write(content.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	private static ClassLoader loader(Path... entries) throws IOException {
		URL[] urls = new URL[entries.length];
		for (int i = 0; i < entries.length; i++) {
			urls[i] = entries[i].toUri().toURL();
		}
		return new URLClassLoader(urls, null);
	}

	@Test
	void aJarWithAnIndexIsReadFromTheIndexWithoutReadingItsFiles() throws IOException {
		ClassLoader loader = loader(jar("app.jar", this.files, index(this.files)));
		List<ScannedFile> found = new JarIndex(loader).files(LOCATION).orElseThrow();
		assertThat(found).extracting(ScannedFile::name)
			.containsExactly("000001_books.up.sql", "000001_books.down.sql", "sub/000002_a.up.sql");
		assertThat(found).allSatisfy((file) -> assertThat(file.indexed()).isTrue());
		// Read on demand, through the percent-encoded URL, and checked against the index.
		assertThat(new String(found.get(2).content(), StandardCharsets.UTF_8)).isEqualTo("CREATE TABLE a (id int);");
	}

	@Test
	void theResolverGivesTheSameCatalogWithAndWithoutTheIndex() throws IOException {
		MigrationCatalog indexed = new MigrationResolver(loader(jar("a.jar", this.files, index(this.files)))).resolve(List.of(LOCATION));
		MigrationCatalog scanned = new MigrationResolver(loader(jar("b.jar", this.files, null))).resolve(List.of(LOCATION));
		assertThat(indexed.problems()).isEmpty();
		assertThat(indexed.migrations()).hasSize(2);
		for (int i = 0; i < 2; i++) {
			assertThat(indexed.migrations().get(i).checksum()).isEqualTo(scanned.migrations().get(i).checksum());
			assertThat(indexed.migrations().get(i).script()).isEqualTo(scanned.migrations().get(i).script());
			assertThat(indexed.migrations().get(i).undoable()).isEqualTo(scanned.migrations().get(i).undoable());
		}
	}

	@Test
	void aPercentSignInAFileNameIsReadThroughTheIndex() throws IOException {
		// Spring's classpath scan of such a jar fails (URLDecoder), and names a '#' as %23; the index reads both.
		Map<String, String> odd = new LinkedHashMap<>();
		odd.put("db/migrations/000003_100%_done.up.sql", "SELECT 3;");
		odd.put("db/migrations/000004_a#b c.up.sql", "SELECT 4;");
		List<ScannedFile> found = new JarIndex(loader(jar("app.jar", odd, index(odd)))).files(LOCATION).orElseThrow();
		assertThat(found).extracting(ScannedFile::name).containsExactly("000003_100%_done.up.sql", "000004_a#b c.up.sql");
		assertThat(new String(found.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("SELECT 3;");
		assertThat(new String(found.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("SELECT 4;");
	}

	@Test
	void aJarWithoutAnIndexIsScanned() throws IOException {
		assertThat(new JarIndex(loader(jar("app.jar", this.files, null))).files(LOCATION)).isEmpty();
	}

	@Test
	void aFolderOnTheClasspathIsScannedEvenBesideAnIndexedJar() throws IOException {
		Path classes = this.dir.resolve("classes");
		Files.createDirectories(classes.resolve("db/migrations"));
		Files.writeString(classes.resolve("db/migrations/000003_c.up.sql"), "SELECT 1;");
		// Even an index in the folder is ignored: files in a folder can change after it was written.
		Files.createDirectories(classes.resolve(Manifest.indexPath("db/migrations")).getParent());
		Files.writeString(classes.resolve(Manifest.indexPath("db/migrations")), index(Map.of()));
		ClassLoader loader = loader(jar("app.jar", this.files, index(this.files)), classes);
		assertThat(new JarIndex(loader).files(LOCATION)).isEmpty();
		assertThat(new JarIndex(loader(classes)).files(LOCATION)).isEmpty();
		assertThat(new MigrationResolver(loader).resolve(List.of(LOCATION)).migrations()).hasSize(3);
	}

	@Test
	void oneJarWithoutAnIndexMakesTheWholeLocationScanned() throws IOException {
		Map<String, String> other = Map.of("db/migrations/000009_z.up.sql", "SELECT 9;");
		ClassLoader loader = loader(jar("app.jar", this.files, index(this.files)), jar("lib.jar", other, null));
		assertThat(new JarIndex(loader).files(LOCATION)).isEmpty();
		assertThat(new MigrationResolver(loader).resolve(List.of(LOCATION)).migrations()).hasSize(3);
	}

	@Test
	void anUnreadableIndexMakesTheLocationScanned() throws IOException {
		ClassLoader loader = loader(jar("app.jar", this.files, "# cairn manifest 1\nnot a line\n"));
		assertThat(new JarIndex(loader).files(LOCATION)).isEmpty();
		assertThat(new MigrationResolver(loader).resolve(List.of(LOCATION)).migrations()).hasSize(2);
	}

	@Test
	void aStaleIndexIsCaughtWhenAPendingFileIsRead() throws IOException {
		Map<String, String> changed = new LinkedHashMap<>(this.files);
		changed.put("db/migrations/000001_books.up.sql", "CREATE TABLE books (id bigint);");
		MigrationCatalog catalog = new MigrationResolver(loader(jar("app.jar", changed, index(this.files))))
			.resolve(List.of(LOCATION));
		assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(() -> catalog.migrations().get(0).prepare())
			.withMessageContaining("classpath:db/migrations/000001_books.up.sql: does not match the jar's migration index")
			.withMessageContaining("rebuild the jar");
	}

	@Test
	void aFileListedButMissingFromTheJarIsCaughtWhenRead() throws IOException {
		Map<String, String> fewer = new LinkedHashMap<>(this.files);
		fewer.remove("db/migrations/000001_books.down.sql");
		MigrationCatalog catalog = new MigrationResolver(loader(jar("app.jar", fewer, index(this.files))))
			.resolve(List.of(LOCATION));
		assertThatExceptionOfType(InvalidMigrationException.class).isThrownBy(() -> catalog.migrations().get(0).prepareUndo())
			.withMessageContaining("is listed in the jar's migration index but cannot be read");
	}

	@Test
	void filesystemLocationsAreNeverIndexed() throws IOException {
		assertThat(new JarIndex(loader(jar("app.jar", this.files, index(this.files))))
			.files(Location.parse("filesystem:" + this.dir))).isEmpty();
	}

	@Test
	void aCatalogMadeFromAnIndexIsReusedWhileTheIndexBytesAreTheSame() throws IOException {
		Path jar = jar("app.jar", this.files, index(this.files));
		// Another class loader over the same jar, as a second run, a status call or the next tenant makes.
		MigrationCatalog first = new MigrationResolver(loader(jar)).resolve(List.of(LOCATION));
		MigrationCatalog second = new MigrationResolver(loader(jar)).resolve(List.of(LOCATION));
		assertThat(second).isSameAs(first);
		// A layout setting of its own is another catalog.
		MigrationCatalog named = new MigrationResolver(loader(jar)).resolve(List.of(LOCATION),
				(location) -> dev.cairn.core.MigrationLayout.GOLANG_MIGRATE, List.of());
		assertThat(named).isNotSameAs(first);
	}

	@Test
	void filesThatCanChangeAreNeverReused() throws IOException {
		Path classes = this.dir.resolve("classes");
		Files.createDirectories(classes.resolve("db/migrations"));
		Files.writeString(classes.resolve("db/migrations/000003_c.up.sql"), "SELECT 1;");
		MigrationCatalog first = new MigrationResolver(loader(classes)).resolve(List.of(LOCATION));
		Files.writeString(classes.resolve("db/migrations/000003_c.up.sql"), "SELECT 2;");
		MigrationCatalog second = new MigrationResolver(loader(classes)).resolve(List.of(LOCATION));
		assertThat(second).isNotSameAs(first);
		assertThat(second.migrations().get(0).checksum()).isNotEqualTo(first.migrations().get(0).checksum());
	}

}
