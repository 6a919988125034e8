package dev.cairn.benchmarks.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a corpus under a work directory, once: a corpus whose marker file matches is reused,
 * anything else there is deleted and written again.
 */
public final class CorpusWriter {

	/** Bump when the generated SQL changes, so stale corpora on disk are rewritten. */
	static final String GENERATOR_VERSION = "3";

	private final Path root;

	public CorpusWriter(Path root) {
		this.root = root;
	}

	public Corpus write(CorpusKind kind, int size) {
		Path dir = this.root.resolve(kind.id() + "-" + size);
		Corpus corpus = new Corpus(kind, size, dir);
		Path marker = dir.resolve("corpus.properties");
		String expected = "generator=" + GENERATOR_VERSION + "\nkind=" + kind.id() + "\nsize=" + size + "\n";
		try {
			if (Files.isRegularFile(marker) && Files.readString(marker).equals(expected)) {
				return corpus;
			}
			deleteRecursively(dir);
			List<MigrationSource> migrations = kind.generate(size);
			Files.createDirectories(corpus.golangDir());
			Files.createDirectories(corpus.flywayDir());
			Files.createDirectories(corpus.changelog().getParent());
			for (MigrationSource migration : migrations) {
				Files.writeString(corpus.golangDir().resolve(migration.golangFileName()), migration.sql());
				Files.writeString(corpus.flywayDir().resolve(migration.flywayFileName()), migration.sql());
			}
			writeChangelog(corpus.changelog(), migrations);
			JarWriter.write(corpus.golangDir(), corpus.jar());
			Files.writeString(marker, expected);
			return corpus;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write corpus " + dir, ex);
		}
	}

	/**
	 * One change set per file, each running the Flyway-layout file through {@code sqlFile}. Liquibase
	 * runs every change set in its own transaction together with its DATABASECHANGELOG row.
	 * {@code splitStatements="false"} hands each file to the PostgreSQL driver whole, which splits it
	 * into the same statements psql would: Liquibase's own splitter cuts dollar-quoted PL/pgSQL bodies
	 * at their inner semicolons (see LiquibaseSplitterTests), so this is what a Liquibase user must
	 * write for these files.
	 */
	static void writeChangelog(Path changelog, List<MigrationSource> migrations) throws IOException {
		try (Writer out = Files.newBufferedWriter(changelog, StandardCharsets.UTF_8)) {
			out.write("""
					<?xml version="1.0" encoding="UTF-8"?>
					<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
						xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
						xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
					""");
			for (MigrationSource migration : migrations) {
				out.write("\t<changeSet id=\"" + migration.version() + "\" author=\"cairn-benchmarks\">\n"
						+ "\t\t<sqlFile path=\"flyway/" + migration.flywayFileName()
						+ "\" splitStatements=\"false\" stripComments=\"false\"/>\n\t</changeSet>\n");
			}
			out.write("</databaseChangeLog>\n");
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
