package dev.cairn.core.internal.scan;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Version;
import dev.cairn.core.internal.scan.MigrationFileName.Kind;
import dev.cairn.core.internal.scan.MigrationFileName.Layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MigrationFileNameTests {

	@Test
	void golangMigrateUpAndDown() {
		assertThat(MigrationFileName.parse("000042_add_orders.up.sql")).isEqualTo(
				new MigrationFileName(Kind.UP, Layout.GOLANG_MIGRATE, Version.parse("42"), "add orders"));
		assertThat(MigrationFileName.parse("000042_add_orders.down.sql").kind()).isEqualTo(Kind.DOWN);
	}

	@Test
	void flywayVersionedUndoAndRepeatable() {
		assertThat(MigrationFileName.parse("V1_10__add_orders_table.sql"))
			.isEqualTo(new MigrationFileName(Kind.UP, Layout.FLYWAY, Version.parse("1.10"), "add orders table"));
		assertThat(MigrationFileName.parse("V2.1.3__x.sql").version()).hasToString("2.1.3");
		assertThat(MigrationFileName.parse("U42__add_orders.sql").kind()).isEqualTo(Kind.DOWN);
		MigrationFileName repeatable = MigrationFileName.parse("R__refresh_views.sql");
		assertThat(repeatable.kind()).isEqualTo(Kind.REPEATABLE);
		assertThat(repeatable.version()).isNull();
		assertThat(repeatable.description()).isEqualTo("refresh views");
	}

	@Test
	void golangMigrateLayoutRepeatable() {
		assertThat(MigrationFileName.parse("refresh_views.repeatable.sql"))
			.isEqualTo(new MigrationFileName(Kind.REPEATABLE, Layout.GOLANG_MIGRATE, null, "refresh views"));
		assertThat(MigrationFileName.parse("Views.REPEATABLE.SQL").kind()).isEqualTo(Kind.REPEATABLE);
		assertThat(MigrationFileName.repeatableName("refresh_views.repeatable.sql")).isEqualTo("refresh_views");
		assertThat(MigrationFileName.repeatableName("R__refresh_views.sql")).isEqualTo("refresh_views");
	}

	@Test
	void repeatableNamedLikeAVersionedFileIsRefused() {
		for (String name : new String[] { "R__views.repeatable.sql", "V1__views.repeatable.sql",
				"000001_views.repeatable.sql" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse(name))
				.withMessageContaining("must not start with a version or a Flyway prefix");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse(".repeatable.sql"));
	}

	@Test
	void snapshotsInBothLayouts() {
		assertThat(MigrationFileName.parse("000042_initial_schema.snapshot.sql")).isEqualTo(
				new MigrationFileName(Kind.SNAPSHOT, Layout.GOLANG_MIGRATE, Version.parse("42"), "initial schema"));
		assertThat(MigrationFileName.parse("B42__initial_schema.sql"))
			.isEqualTo(new MigrationFileName(Kind.SNAPSHOT, Layout.FLYWAY, Version.parse("42"), "initial schema"));
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("b42__x.sql"));
	}

	@Test
	void timestampVersions() {
		assertThat(MigrationFileName.parse("20260521103000_create_users.up.sql").version())
			.hasToString("20260521103000");
	}

	@Test
	void onlySqlFilesAndNoHiddenFilesAreCandidates() {
		assertThat(MigrationFileName.isCandidate("README.md")).isFalse();
		assertThat(MigrationFileName.isCandidate(".gitkeep")).isFalse();
		assertThat(MigrationFileName.isCandidate(".000001_x.up.sql")).isFalse();
		assertThat(MigrationFileName.isCandidate("notes.txt")).isFalse();
		assertThat(MigrationFileName.isCandidate("000001_x.up.sql")).isTrue();
		assertThat(MigrationFileName.isCandidate("V1__X.SQL")).isTrue();
	}

	@Test
	void missingDescriptionIsExplained() {
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("000042.up.sql"))
			.withMessageContaining("no description")
			.withMessageContaining("000042_add_orders.up.sql");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("V42__.sql"))
			.withMessageContaining("no description");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("V42.sql"))
			.withMessageContaining("no description");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("000042____.up.sql"))
			.withMessageContaining("no description");
	}

	@Test
	void commonMistakesAreExplained() {
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("000042_add_orders.sql"))
			.withMessageContaining(".up.sql or .down.sql");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("V42_add_orders.sql"))
			.withMessageContaining("two underscores");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("v42__add_orders.sql"))
			.withMessageContaining("upper case");
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationFileName.parse("schema.sql"))
			.withMessageContaining("neither layout");
	}

	@Test
	void versionTooLargeIsExplained() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MigrationFileName.parse("99999999999999999999999_x.up.sql"))
			.withMessageContaining("64-bit");
	}

}
