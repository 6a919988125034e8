package dev.cairn.benchmarks.boot;

import java.util.List;

import dev.cairn.benchmarks.corpus.Corpus;

/** The three Spring Boot applications compared, and the properties each is started with. */
public enum BootVariant {

	NONE("No migration tool"),

	CAIRN("Cairn starter"),

	FLYWAY("Flyway");

	private final String title;

	BootVariant(String title) {
		this.title = title;
	}

	public String title() {
		return this.title;
	}

	/** Command-line properties: the database, and where the variant's tool finds the corpus. */
	public List<String> arguments(String jdbcUrl, Corpus corpus) {
		String datasource = "--spring.datasource.url=" + jdbcUrl;
		return switch (this) {
			case NONE -> List.of(datasource);
			case CAIRN -> List.of(datasource, "--cairn.locations=filesystem:" + corpus.golangDir().toAbsolutePath());
			case FLYWAY -> List.of(datasource, "--spring.flyway.locations=filesystem:" + corpus.flywayDir().toAbsolutePath());
		};
	}

}
