package dev.cairn.core.internal.migration;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Problem;
import dev.cairn.core.Location;
import dev.cairn.core.internal.scan.ScannedFile;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationCatalogTests {

	private static final Location LOCATION = Location.parse("classpath:db/migrations");

	static ScannedFile file(String name, String sql) {
		return new ScannedFile(LOCATION, name, sql.getBytes(StandardCharsets.UTF_8));
	}

	private static MigrationCatalog catalog(ScannedFile... files) {
		return MigrationCatalog.of(Arrays.asList(files), List.of());
	}

	@Test
	void pairsUpAndDownFilesAndSortsByVersion() {
		MigrationCatalog catalog = catalog(file("000010_c.up.sql", "c"), file("000002_b.up.sql", "b"),
				file("000002_b.down.sql", "undo b"), file("V1__a.sql", "a"));
		assertThat(catalog.problems()).isEmpty();
		assertThat(catalog.migrations()).extracting((migration) -> migration.version().toString())
			.containsExactly("1", "2", "10");
		assertThat(catalog.migrations().get(1).undoable()).isTrue();
		assertThat(catalog.migrations().get(0).undoable()).isFalse();
	}

	@Test
	void sameVersionInBothLayoutsIsADuplicateNamingBothFiles() {
		MigrationCatalog catalog = catalog(file("000042_a.up.sql", "a"), file("V42__b.sql", "b"));
		assertThat(catalog.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Problem.Kind.DUPLICATE_VERSION);
			assertThat(problem.files()).containsExactlyInAnyOrder("classpath:db/migrations/000042_a.up.sql",
					"classpath:db/migrations/V42__b.sql");
			assertThat(problem.message()).contains("version 42 is applied by 2 files");
		});
	}

	@Test
	void leadingZerosMakeTheSameVersion() {
		assertThat(catalog(file("1_a.up.sql", "a"), file("0001_b.up.sql", "b")).problems())
			.extracting(Problem::kind)
			.containsExactly(Problem.Kind.DUPLICATE_VERSION);
	}

	@Test
	void downFileWithoutUpFileIsAnOrphan() {
		assertThat(catalog(file("000003_x.down.sql", "x"), file("U4__y.sql", "y")).problems())
			.extracting(Problem::kind)
			.containsExactly(Problem.Kind.ORPHAN_DOWN, Problem.Kind.ORPHAN_DOWN);
	}

	@Test
	void everyProblemIsReportedNotJustTheFirst() {
		MigrationCatalog catalog = catalog(file("bad.sql", ""), file("1_a.up.sql", "a"), file("V1__a.sql", "a"),
				file("7_x.down.sql", ""));
		assertThat(catalog.problems()).extracting(Problem::kind)
			.containsExactlyInAnyOrder(Problem.Kind.UNPARSEABLE_NAME, Problem.Kind.DUPLICATE_VERSION,
					Problem.Kind.ORPHAN_DOWN);
		assertThat(catalog.hasErrors()).isTrue();
	}

	@Test
	void repeatablesAreMigrationsInNameOrderWithoutProblems() {
		MigrationCatalog catalog = catalog(file("R__views.sql", "x"), file("grants.repeatable.sql", "y"));
		assertThat(catalog.repeatables()).extracting(RepeatableMigration::name).containsExactly("grants", "views");
		assertThat(catalog.problems()).isEmpty();
	}

}
