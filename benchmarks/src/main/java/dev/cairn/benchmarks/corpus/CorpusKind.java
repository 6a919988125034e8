package dev.cairn.benchmarks.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The kinds of generated corpora. Generation depends on nothing but the kind and the
 * version number, so every run and every machine gets byte-identical files.
 */
public enum CorpusKind {

	/** One cheap statement per migration: exposes each tool's per-migration overhead. */
	TRIVIAL(TrivialMigrations::migration),

	/**
	 * Realistic scripts: tables with indexes and constraints, ALTER TABLE, PL/pgSQL functions
	 * and triggers whose dollar-quoted bodies contain semicolons, seed inserts, views, enums and
	 * comments.
	 */
	MIXED(MixedMigrations::migration);

	private final IntFunction<MigrationSource> generator;

	CorpusKind(IntFunction<MigrationSource> generator) {
		this.generator = generator;
	}

	/** Migrations 1 to {@code size}. */
	public List<MigrationSource> generate(int size) {
		List<MigrationSource> migrations = new ArrayList<>(size);
		for (int version = 1; version <= size; version++) {
			migrations.add(this.generator.apply(version));
		}
		return migrations;
	}

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static CorpusKind of(String id) {
		return valueOf(id.trim().toUpperCase(Locale.ROOT));
	}

}
