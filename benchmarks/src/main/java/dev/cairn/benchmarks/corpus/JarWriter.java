package dev.cairn.benchmarks.corpus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import dev.cairn.core.files.FolderFile;
import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestEntry;
import dev.cairn.core.files.MigrationFolder;

/**
 * Packages a folder of migrations as {@code db/migrations} in a jar, with the migration index
 * that {@code cairn:index} writes at build time (the same core classes write it).
 */
final class JarWriter {

	private JarWriter() {
	}

	static void write(Path folder, Path jar) throws IOException {
		MigrationFolder files = MigrationFolder.read(folder);
		if (!files.problems().isEmpty()) {
			throw new IllegalStateException("The corpus has bad files: " + files.problems());
		}
		Files.createDirectories(jar.getParent());
		List<ManifestEntry> entries = new ArrayList<>();
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			directory(out, "db/");
			directory(out, "db/migrations/");
			for (FolderFile file : files.files()) {
				out.putNextEntry(new JarEntry("db/migrations/" + file.script()));
				OutputStream stream = out;
				stream.write(Files.readAllBytes(folder.resolve(file.script())));
				out.closeEntry();
				entries.add(new ManifestEntry(file.version(), false, file.checksum(), file.script()));
			}
			out.putNextEntry(new JarEntry(Manifest.indexPath("db/migrations")));
			out.write(new Manifest(entries).format().getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
	}

	private static void directory(JarOutputStream out, String name) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.closeEntry();
	}

}
