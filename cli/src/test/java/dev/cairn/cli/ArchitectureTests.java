package dev.cairn.cli;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The CLI is a shell over the engine's public API and command layer (src/docs/architecture.md).
 */
class ArchitectureTests {

	@Test
	void theCliUsesOnlyTheEnginesPublicApi() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("dev.cairn.core.internal..")
			.because("the engine's internals change in any release; the CLI adapts dev.cairn.core and dev.cairn.core.command")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.cairn.cli"));
	}

}
