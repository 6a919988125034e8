package dev.cairn.benchmarks.contender;

import java.net.URL;
import java.net.URLClassLoader;

import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.benchmarks.corpus.Corpus;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;

/**
 * Cairn reading {@code classpath:db/migrations} from the corpus packaged in a jar with its
 * migration index, as a service's jar built with {@code cairn:index} holds it.
 */
final class CairnJarContender implements Contender {

	@Override
	public String name() {
		return "CairnJar";
	}

	@Override
	public String historyCountQuery() {
		return "SELECT count(*) FROM public.cairn_history WHERE state = 'applied'";
	}

	@Override
	public void migrate(String jdbcUrl, Corpus corpus) throws Exception {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(jdbcUrl);
		try (URLClassLoader jar = new URLClassLoader(new URL[] { corpus.jar().toUri().toURL() },
				CairnJarContender.class.getClassLoader())) {
			new Cairn(CairnConfiguration.builder()
				.dataSource(dataSource)
				.classLoader(jar)
				.locations("classpath:db/migrations")
				.build()).migrate();
		}
	}

}
