package dev.cairn.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Operation}: the names properties, JSON and the command line use.
 */
class OperationTests {

	@Test
	void namesAreReadInAnySpelling() {
		assertThat(Operation.of("dry-run")).isEqualTo(Operation.DRY_RUN);
		assertThat(Operation.of("DRY_RUN")).isEqualTo(Operation.DRY_RUN);
		assertThat(Operation.of(" Migrate ")).isEqualTo(Operation.MIGRATE);
		assertThat(Operation.of("upgrade")).isNull();
		assertThat(Operation.of(null)).isNull();
	}

	@Test
	void externalNamesAreLowerCaseWithDashes() {
		assertThat(Operation.DRY_RUN.externalName()).isEqualTo("dry-run");
		assertThat(Operation.MIGRATE.externalName()).isEqualTo("migrate");
		for (Operation operation : Operation.values()) {
			assertThat(Operation.of(operation.externalName())).isEqualTo(operation);
		}
	}

}
