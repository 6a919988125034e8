package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.NewMigration;
import dev.cairn.core.files.JavaMigrationSkeleton;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Naming the next migration ({@code Cairn.newMigration}, the CLI's {@code create}): folders and
 * names that leave the next version unknown or the file name unreadable. No file is written.
 */
abstract class NewMigrationCases extends CatalogueCases {

	static final String NOTHING_WRITTEN = "refused; no file written";

	@Test
	void aFolderMixingBothLayoutsIsRefusedNamingAFileOfEach() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("V2__b.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("new-01", "`create c` in a folder with `000001_a.up.sql` and `V2__b.sql`",
				NOTHING_WRITTEN, () -> plan("c"));
		assertThat(ex.getMessage()).contains("000001_a.up.sql", "V2__b.sql", "--layout");
	}

	@Test
	void aSqlFileThatIsNoMigrationLeavesTheNextVersionUnknown() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("seed.sql", "SELECT 1;");
		CairnException ex = refused("new-02", "`create c` in a folder with `seed.sql`", NOTHING_WRITTEN,
				() -> plan("c"));
		assertThat(ex.getMessage()).contains("seed.sql", "Rename or move them first");
	}

	@Test
	void aNameWithAPathSeparatorIsRefused() {
		CairnException ex = refused("new-03", "`create ../../etc/x`", NOTHING_WRITTEN, () -> plan("../../etc/x"));
		assertThat(ex.getMessage()).contains("'../../etc/x'", "contains '/'");
	}

	@Test
	void aNameThatIsAFileNameIsRefused() {
		CairnException ex = refused("new-04", "`create add_users.up.sql`", NOTHING_WRITTEN,
				() -> plan("add_users.up.sql"));
		assertThat(ex.getMessage()).contains("ends like a file name", "give only the words");
	}

	@Test
	void aDottedHighestVersionCannotBeFollowedInTheGolangMigrateLayout() {
		write("V2.1__a.sql", "CREATE TABLE a (id int);");
		CairnException ex = refused("new-05", "`create --layout golang-migrate b` after `V2.1__a.sql`", NOTHING_WRITTEN,
				() -> Cairn.newMigration(migrations(), "b",
						NewMigration.Options.defaults().withLayout(MigrationLayout.GOLANG_MIGRATE)));
		assertThat(ex.getMessage()).contains("V2.1__a.sql", "several parts", "--layout flyway");
	}

	@Test
	void aNewFileInAnotherLayoutThanTheFoldersIsRefused() {
		write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		CairnException ex = refused("new-06", "`create --layout plain b` in a goose folder (`00001_a.sql`)",
				NOTHING_WRITTEN, () -> Cairn.newMigration(migrations(), "b",
						NewMigration.Options.defaults().withLayout(MigrationLayout.PLAIN)));
		assertThat(ex.getMessage()).contains("00002_b.sql", "unreadable", "folder's own layout");
	}

	@Test
	void aJavaMigrationInAPackageThatIsNoJavaNameIsRefused() {
		CairnException ex = refused("new-07", "`cairn:new -Djava -Dpackage=com.example.2fa -Dname=a`", NOTHING_WRITTEN,
				() -> JavaMigrationSkeleton.plan(migrations(), migrations().resolve("java"), "com.example.2fa", "a", false,
						NewMigration.Options.defaults()));
		assertThat(ex.getMessage()).contains("'com.example.2fa' is not a Java package name", "com.example.migrations");
	}

	@Test
	void aJavaMigrationWhoseClassExistsIsRefused() throws java.io.IOException {
		java.nio.file.Path existing = migrations().resolve("java/com/example/migrations/Backfill.java");
		java.nio.file.Files.createDirectories(existing.getParent());
		java.nio.file.Files.writeString(existing, "package com.example.migrations;\nclass Backfill {}\n");
		CairnException ex = refused("new-08", "`cairn:new -Djava -Dname=backfill` when `Backfill.java` exists",
				"refused; the class is left as it was", () -> JavaMigrationSkeleton.plan(migrations(),
						migrations().resolve("java"), "com.example.migrations", "backfill", false,
						NewMigration.Options.defaults()));
		assertThat(ex.getMessage()).contains("Backfill.java exists", "another name");
	}

	private void plan(String name) {
		Cairn.newMigration(migrations(), name, NewMigration.Options.defaults());
	}

}
