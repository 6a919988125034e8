package dev.cairn.benchmarks.contender;

import java.util.List;
import java.util.Locale;

import dev.cairn.benchmarks.corpus.Corpus;

/**
 * A migration tool under test. {@link #migrate} applies whatever is pending in the corpus to the
 * database at the URL, from building the tool to its return, as an application would at start-up;
 * with nothing pending it is the no-op every restart pays.
 */
public interface Contender {

	String name();

	void migrate(String jdbcUrl, Corpus corpus) throws Exception;

	/** Counts the migrations recorded as applied in the contender's own history table. */
	String historyCountQuery();

	/** Every contender, floor first: the order of the first interleaved round. */
	static List<Contender> all() {
		return List.of(new FloorContender(), new CairnContender(), new FlywayContender(), new LiquibaseContender(),
				new FloorJarContender(), new CairnJarContender());
	}

	static Contender named(String name) {
		return all().stream()
			.filter((contender) -> contender.name().equalsIgnoreCase(name.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown contender '" + name + "'; known: "
					+ all().stream().map(Contender::name).map((n) -> n.toLowerCase(Locale.ROOT)).toList()));
	}

}
