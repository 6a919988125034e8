package dev.cairn.benchmarks.contender;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.benchmarks.corpus.Corpus;

/**
 * Flyway with its defaults (one transaction per migration, validate on migrate), reading the
 * Flyway layout; its PostgreSQL support comes from {@code flyway-database-postgresql}.
 */
final class FlywayContender implements Contender {

	@Override
	public String name() {
		return "Flyway";
	}

	@Override
	public String historyCountQuery() {
		return "SELECT count(*) FROM public.flyway_schema_history WHERE success AND version IS NOT NULL";
	}

	@Override
	public void migrate(String jdbcUrl, Corpus corpus) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl);
		Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:" + corpus.flywayDir().toAbsolutePath())
			.load()
			.migrate();
	}

}
