package dev.cairn.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files into a temporary folder. */
final class FolderFixture {

	private final Path root;

	FolderFixture(Path root) {
		this.root = root;
	}

	FolderFixture file(String name, String content) {
		try {
			Path path = this.root.resolve(name);
			Files.createDirectories(path.getParent());
			Files.writeString(path, content, StandardCharsets.UTF_8);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	FolderFixture delete(String name) {
		try {
			Files.delete(this.root.resolve(name));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	FolderFixture rename(String from, String to) {
		try {
			Files.move(this.root.resolve(from), this.root.resolve(to));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	MigrationFolder read() {
		return MigrationFolder.read(this.root);
	}

}
