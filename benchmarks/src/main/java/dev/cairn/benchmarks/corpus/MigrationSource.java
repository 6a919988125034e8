package dev.cairn.benchmarks.corpus;

/**
 * One generated migration: its version, a description made of lower-case words joined by
 * underscores (valid in both file layouts), and its SQL.
 */
public record MigrationSource(int version, String description, String sql) {

	/** golang-migrate layout, read by Cairn and the floor. */
	public String golangFileName() {
		return String.format("%06d_%s.up.sql", this.version, this.description);
	}

	/** Flyway layout, read by Flyway and referenced by the Liquibase changelog. */
	public String flywayFileName() {
		return "V" + this.version + "__" + this.description + ".sql";
	}

}
