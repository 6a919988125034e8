package dev.cairn.autoconfigure;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The starter is Spring wiring over the engine's public API (src/docs/architecture.md).
 */
class ArchitectureTests {

	@Test
	void theStarterUsesOnlyTheEnginesPublicApi() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("dev.cairn.core.internal..")
			.because("the engine's internals change in any release; the starter adapts dev.cairn.core and"
					+ " dev.cairn.core.command")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.cairn.autoconfigure"));
	}

}
