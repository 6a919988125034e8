package dev.cairn.benchmarks.corpus;

import java.nio.file.Path;

/**
 * A generated corpus on disk: the same SQL in the golang-migrate layout ({@code golang/}, read
 * by Cairn and the floor) and the Flyway layout ({@code flyway/}, read by Flyway and included
 * file by file by the Liquibase changelog {@code liquibase/changelog.xml}), and the golang files
 * once more in a jar ({@code jar/migrations.jar}, read by the jar contenders).
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

	/** The golang-migrate files packaged as {@code db/migrations} in a jar, with the migration index cairn:index writes. */
	public Path jar() {
		return this.dir.resolve("jar/migrations.jar");
	}

	public Path changelog() {
		return this.dir.resolve(CHANGELOG);
	}

}
