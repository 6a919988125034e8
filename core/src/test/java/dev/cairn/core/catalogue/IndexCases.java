package dev.cairn.core.catalogue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.files.FolderFile;
import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestEntry;
import dev.cairn.core.files.MigrationFolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration index in a jar ({@code db/migrations/.cairn-index}) that does not match the jar.
 */
abstract class IndexCases extends CatalogueCases {

	private ClassLoader jar(Map<String, String> files, String index) {
		try {
			Path jar = this.folder.resolve("service.jar");
			try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
				for (String folder : new String[] { "db/", "db/migrations/" }) {
					out.putNextEntry(new JarEntry(folder));
					out.closeEntry();
				}
				Map<String, String> all = new LinkedHashMap<>(files);
				all.put(".cairn-index", index);
				for (Map.Entry<String, String> file : all.entrySet()) {
					out.putNextEntry(new JarEntry("db/migrations/" + file.getKey()));
					OutputStream stream = out;
					stream.write(file.getValue().getBytes(StandardCharsets.UTF_8));
					out.closeEntry();
				}
			}
			return new URLClassLoader(new URL[] { jar.toUri().toURL() }, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String index(Map<String, String> files) {
		List<ManifestEntry> entries = new ArrayList<>();
		files.forEach((name, content) -> {
			FolderFile file = MigrationFolder.file(name, content.getBytes(StandardCharsets.UTF_8));
			entries.add(new ManifestEntry(file.version(), false, file.checksum(), name));
		});
		return new Manifest(entries).format();
	}

	private Cairn cairn(ClassLoader loader) {
		return new Cairn(configure().classLoader(loader).locations("classpath:db/migrations").build());
	}

	@Test
	void aFileThatDoesNotMatchTheIndexIsRefusedBeforeAnythingRuns() {
		Map<String, String> built = new LinkedHashMap<>();
		built.put("000001_a.up.sql", "CREATE TABLE a (id int);");
		built.put("000002_b.up.sql", "CREATE TABLE b (id int);");
		Map<String, String> shipped = new LinkedHashMap<>(built);
		shipped.put("000002_b.up.sql", "CREATE TABLE b (id bigint);");
		ClassLoader loader = jar(shipped, index(built));
		CairnException ex = refused("index-01", "a jar whose `.cairn-index` lists another checksum for a pending file",
				() -> cairn(loader).migrate());
		assertThat(ex.getMessage()).contains("000002_b.up.sql", "does not match the jar's migration index", "rebuild the jar");
	}

	@Test
	void anIndexThatCannotBeReadIsIgnoredAndTheJarScanned() {
		Map<String, String> files = Map.of("000001_a.up.sql", "CREATE TABLE a (id int);");
		ClassLoader loader = jar(files, "# cairn manifest 1\nnot a line\n");
		accepted("index-02", "a jar whose `.cairn-index` cannot be read",
				"the location is listed and hashed as without an index; applied", () -> cairn(loader).migrate());
	}

}
