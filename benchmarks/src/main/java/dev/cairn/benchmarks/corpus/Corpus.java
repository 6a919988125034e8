package dev.cairn.benchmarks.corpus;

import java.nio.file.Path;

/**
 * A generated corpus on disk: the same SQL in the golang-migrate layout ({@code golang/}, read
 * by Cairn and the floor) and the Flyway layout ({@code flyway/}, read by Flyway and included
 * file by file by the Liquibase changelog {@code liquibase/changelog.xml}).
 */
public record Corpus(CorpusKind kind, int size, Path dir) {

	public static final String CHANGELOG = "liquibase/changelog.xml";

	public String id() {
		return this.kind.id() + "-" + this.size;
	}

	public Path golangDir() {
		return this.dir.resolve("golang");
	}

	public Path flywayDir() {
		return this.dir.resolve("flyway");
	}

	public Path changelog() {
		return this.dir.resolve(CHANGELOG);
	}

}
