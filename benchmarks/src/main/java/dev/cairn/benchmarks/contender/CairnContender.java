package dev.cairn.benchmarks.contender;

import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.benchmarks.corpus.Corpus;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;

/** Cairn with its defaults, reading the golang-migrate layout. */
final class CairnContender implements Contender {

	@Override
	public String name() {
		return "Cairn";
	}

	@Override
	public String historyCountQuery() {
		return "SELECT count(*) FROM public.cairn_history WHERE state = 'applied'";
	}

	@Override
	public void migrate(String jdbcUrl, Corpus corpus) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl);
		new Cairn(CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + corpus.golangDir().toAbsolutePath())
			.build()).migrate();
	}

}
