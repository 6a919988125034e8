package dev.cairn.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.NewMigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JavaMigrationSkeletonTests {

	@TempDir
	Path dir;

	private Path sql() throws IOException {
		return Files.createDirectories(this.dir.resolve("src/main/resources/db/migrations"));
	}

	private Path java() {
		return this.dir.resolve("src/main/java");
	}

	private void javaMigration(String name, String versionBody) throws IOException {
		Path file = java().resolve("com/example/migrations/" + name + ".java");
		Files.createDirectories(file.getParent());
		Files.writeString(file, "package com.example.migrations;\nclass " + name
				+ " implements dev.cairn.core.JavaMigration {\n\tpublic String version() {\n\t\t" + versionBody
				+ "\n\t}\n\tpublic void migrate(dev.cairn.core.JavaMigrationContext c) {\n\t}\n}\n");
	}

	private JavaMigrationSkeleton plan(String name, boolean component) throws IOException {
		return JavaMigrationSkeleton.plan(sql(), java(), "com.example.migrations", name, component,
				NewMigration.Options.defaults());
	}

	@Test
	void takesTheNextVersionOfTheFolderAndCompiles() throws IOException {
		Files.writeString(sql().resolve("000007_add_sort_title.up.sql"), "SELECT 1;");
		JavaMigrationSkeleton skeleton = plan("backfill sort_titles", false);
		assertThat(skeleton.version()).hasToString("8");
		assertThat(skeleton.className()).isEqualTo("BackfillSortTitles");
		assertThat(skeleton.file()).isEqualTo(java().resolve("com/example/migrations/BackfillSortTitles.java"));
		assertThat(skeleton.content()).contains("return \"8\";", "return \"backfill sort titles\";",
				"implements JavaMigration").doesNotContain("@Component", "transactional()");
		Path written = skeleton.write();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, null, "-d", this.dir.resolve("classes").toString(), "-cp",
				System.getProperty("java.class.path"), written.toString());
		assertThat(status).as("the skeleton compiles").isZero();
		assertThatExceptionOfType(CairnConfigurationException.class).isThrownBy(() -> plan("backfill sort_titles", false))
			.withMessageContaining("BackfillSortTitles.java exists: give the migration another name");
	}

	@Test
	void goesAboveTheVersionsThePackagesJavaMigrationsReturn() throws IOException {
		Files.writeString(sql().resolve("000007_add_sort_title.up.sql"), "SELECT 1;");
		javaMigration("Backfill", "return \"8\";");
		javaMigration("Reindex", "return  \"11\" ;");
		javaMigration("Computed", "return Integer.toString(12);");
		JavaMigrationSkeleton skeleton = plan("next_one", true);
		assertThat(skeleton.version()).hasToString("12");
		assertThat(skeleton.unreadable()).containsExactly(java().resolve("com/example/migrations/Computed.java"));
		assertThat(skeleton.content()).contains("@Component", "import org.springframework.stereotype.Component;");
	}

	@Test
	void aJavaMigrationBelowTheFolderLeavesTheFoldersVersion() throws IOException {
		Files.writeString(sql().resolve("V1.4__a.sql"), "SELECT 1;");
		javaMigration("Old", "return \"1.2\";");
		assertThat(plan("b", false).version()).hasToString("1.5");
	}

	@Test
	void saysWhatIsWrongWithThePackageOrTheName() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> JavaMigrationSkeleton.plan(sql(), java(), "com.example.2migrations", "a", false,
					NewMigration.Options.defaults()))
			.withMessageContaining("'com.example.2migrations' is not a Java package name");
		assertThatExceptionOfType(CairnConfigurationException.class).isThrownBy(() -> plan("é", false))
			.withMessageContaining("gives no Java class name");
		assertThat(JavaMigrationSkeleton.className("2fa_secrets")).isEqualTo("V2faSecrets");
	}

	@Test
	void aMigrationWithoutATransactionSaysSo() throws IOException {
		JavaMigrationSkeleton skeleton = JavaMigrationSkeleton.plan(sql(), java(), "com.example.migrations",
				"backfill", false, NewMigration.Options.defaults().withNoTransaction(true));
		assertThat(skeleton.version()).hasToString("1");
		assertThat(skeleton.content()).contains("public boolean transactional() {\n\t\treturn false;");
		assertThat(List.of(skeleton.unreadable())).containsExactly(List.of());
	}

	@Test
	void readsOnlyALiteralVersion() {
		assertThat(JavaMigrationSkeleton.literalVersion("public String version() { return \"42\"; }")).hasToString("42");
		assertThat(JavaMigrationSkeleton.literalVersion("public String version() { return VERSION; }")).isNull();
		assertThat(JavaMigrationSkeleton.literalVersion("public String version() { return \"v2\"; }")).isNull();
		assertThat(JavaMigrationSkeleton.literalVersion("class X {}")).isNull();
	}

}
