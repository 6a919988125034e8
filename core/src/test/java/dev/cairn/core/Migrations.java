package dev.cairn.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.cairn.test.Sql;

/**
 * A folder of migration files for one test, and engines reading it.
 */
final class Migrations {

	private final Path folder;

	Migrations(Path folder) {
		this.folder = folder;
	}

	Migrations write(String name, String sql) {
		return write(name, sql.getBytes(StandardCharsets.UTF_8));
	}

	Migrations write(String name, byte[] content) {
		try {
			Path file = this.folder.resolve(name);
			Files.createDirectories(file.getParent());
			Files.write(file, content);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Migrations delete(String name) {
		try {
			Files.delete(this.folder.resolve(name));
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path folder() {
		return this.folder;
	}

	CairnConfiguration.Builder configure(DataSource dataSource) {
		return CairnConfiguration.builder().dataSource(dataSource).locations("filesystem:" + this.folder);
	}

	Cairn cairn(DataSource dataSource) {
		return new Cairn(configure(dataSource).build());
	}

	/** The default history table's rows as {@code version:state}, in the order they were applied. */
	static List<String> history(DataSource dataSource) {
		return Sql.column(dataSource, "SELECT version || ':' || state FROM public.cairn_history ORDER BY applied_order");
	}

}
