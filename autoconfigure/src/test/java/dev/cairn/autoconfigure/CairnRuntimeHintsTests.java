package dev.cairn.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class CairnRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	CairnRuntimeHintsTests() {
		new CairnRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theDefaultLocationsSqlFilesAreInTheImage() {
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/000001_create_books.up.sql")).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/2026/V7__add_loans.sql")).accepts(this.hints);
	}

	@Test
	void theJarsMigrationIndexIsInTheImage() {
		assertThat(RuntimeHintsPredicates.resource().forResource("db/migrations/.cairn-index"))
			.accepts(this.hints);
	}

	@Test
	void otherResourcesAreNotPulledIn() {
		assertThat(RuntimeHintsPredicates.resource().forResource("db/other/000001_x.up.sql")).rejects(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("application.properties")).rejects(this.hints);
	}

	@Test
	void theRegistrarIsListedForAotProcessing() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(CairnRuntimeHints.class);
	}

}
