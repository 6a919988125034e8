package dev.cairn.core.internal.migration;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationContext;
import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.internal.index.JarIndex;

import static org.assertj.core.api.Assertions.assertThat;

class IndexedCatalogsTests {

	private static final List<Location> LOCATIONS = List.of(Location.parse("classpath:db/migrations"));

	private static final List<MigrationLayout> AUTO = List.of(MigrationLayout.AUTO);

	private final MigrationCatalog catalog = new MigrationCatalog(List.of(), List.of(), List.of());

	@AfterEach
	void forget() {
		IndexedCatalogs.clear();
	}

	@Test
	void theSameIndexBytesInTheSamePlaceFindTheCatalog() {
		IndexedCatalogs.keep(LOCATIONS, AUTO, indexes("jar:file:/app.jar!/db/migrations/", "x"), List.of(), this.catalog);
		// Equal bytes read again (another array), as the next run reads them.
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/app.jar!/db/migrations/", "x"), List.of()))
			.isSameAs(this.catalog);
	}

	@Test
	void otherBytesAnotherJarAnotherLayoutOrOtherJavaMigrationsFindNothing() {
		JavaMigration java = new JavaMigration() {
			@Override
			public String version() {
				return "1";
			}

			@Override
			public void migrate(JavaMigrationContext context) {
			}
		};
		IndexedCatalogs.keep(LOCATIONS, AUTO, indexes("jar:file:/app.jar!/db/migrations/", "x"), List.of(java),
				this.catalog);
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/app.jar!/db/migrations/", "y"), List.of(java)))
			.isNull();
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/other.jar!/db/migrations/", "x"),
				List.of(java))).isNull();
		assertThat(IndexedCatalogs.find(LOCATIONS, List.of(MigrationLayout.FLYWAY),
				indexes("jar:file:/app.jar!/db/migrations/", "x"), List.of(java))).isNull();
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/app.jar!/db/migrations/", "x"), List.of()))
			.isNull();
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/app.jar!/db/migrations/", "x"), List.of(java)))
			.isSameAs(this.catalog);
	}

	@Test
	void onlyTheMostRecentlyUsedFewAreKept() {
		for (int i = 0; i < 6; i++) {
			IndexedCatalogs.keep(LOCATIONS, AUTO, indexes("jar:file:/app" + i + ".jar!/db/migrations/", "x"), List.of(),
					new MigrationCatalog(List.of(), List.of(), List.of()));
		}
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/app0.jar!/db/migrations/", "x"), List.of()))
			.isNull();
		assertThat(IndexedCatalogs.find(LOCATIONS, AUTO, indexes("jar:file:/app5.jar!/db/migrations/", "x"), List.of()))
			.isNotNull();
	}

	private static List<List<JarIndex.Index>> indexes(String root, String text) {
		return List.of(List.of(new JarIndex.Index(root, text.getBytes(StandardCharsets.UTF_8))));
	}

}
