package dev.cairn.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape src/docs/architecture.md describes, checked on the compiled classes: the API
 * reaches the engine only through the facade, and the engine's packages form no cycle.
 */
class ArchitectureTests {

	private static JavaClasses core;

	@BeforeAll
	static void importCore() {
		core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.cairn.core");
	}

	@Test
	void theApiReachesTheInternalsOnlyThroughTheFacade() {
		noClasses().that()
			.resideInAPackage("dev.cairn.core")
			.and()
			.doNotHaveFullyQualifiedName(Cairn.class.getName())
			.and()
			.haveNameNotMatching("dev\\.cairn\\.core\\.TenantFleet(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.cairn.core.internal..")
			.because("dev.cairn.core is the public API; only Cairn constructs the internal Track")
			.check(core);
	}

	@Test
	void theFleetReachesOnlyItsOwnInternals() {
		noClasses().that()
			.haveNameMatching("dev\\.cairn\\.core\\.TenantFleet(\\$.*)?")
			.should()
			.dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.cairn.core.internal..")
				.and(JavaClass.Predicates.resideOutsideOfPackage("dev.cairn.core.internal.fleet..")))
			.because("a fleet runs each tenant through Cairn, the facade; only its worker pool and tenant sessions are"
					+ " its own")
			.check(core);
	}

	@Test
	void theCommandLayerUsesOnlyTheApi() {
		noClasses().that()
			.resideInAPackage("dev.cairn.core.command..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.cairn.core.internal..")
			.because("the starter, a CLI and a Maven plugin share the command layer over the public API")
			.check(core);
	}

	@Test
	void theFilesToolsReachOnlyTheScanner() {
		noClasses().that()
			.resideInAPackage("dev.cairn.core.files..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.cairn.core.internal.engine..", "dev.cairn.core.internal.migration..",
					"dev.cairn.core.internal.plan..", "dev.cairn.core.internal.apply..", "dev.cairn.core.internal.history..",
					"dev.cairn.core.internal.lock..", "dev.cairn.core.internal.sql..")
			.because("build tools read names and checksums through the scanner, as the runtime does, and nothing else")
			.check(core);
	}

	@Test
	void theInternalPackagesFormNoCycle() {
		slices().matching("dev.cairn.core.internal.(*)..").should().beFreeOfCycles().check(core);
	}

}
