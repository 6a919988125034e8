package dev.cairn.core.files;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.Version;

import static org.assertj.core.api.Assertions.assertThat;

class ManifestCheckTests {

	@TempDir
	Path root;

	private FolderFixture folder;

	@BeforeEach
	void merged() {
		this.folder = new FolderFixture(this.root).file("000001_books.up.sql", "CREATE TABLE books (id int);")
			.file("000001_books.down.sql", "DROP TABLE books;")
			.file("000002_authors.up.sql", "CREATE TABLE authors (id int);")
			.file("000005_loans.up.sql", "CREATE TABLE loans (id int);");
	}

	private Manifest listed() {
		ManifestCheck.Update update = ManifestCheck.update(null, this.folder.read(), Set.of());
		assertThat(update.problems()).isEmpty();
		return update.manifest();
	}

	private List<ManifestProblem> verify(Manifest manifest, Version... allowedLate) {
		return ManifestCheck.verify(manifest, this.folder.read(), Set.of(allowedLate));
	}

	@Test
	void aFolderMatchingItsManifestPasses() {
		Manifest manifest = listed();
		assertThat(manifest.entries()).extracting(ManifestEntry::script)
			.containsExactly("000001_books.up.sql", "000001_books.down.sql", "000002_authors.up.sql", "000005_loans.up.sql");
		assertThat(verify(manifest)).isEmpty();
	}

	@Test
	void aNewFileAboveTheHighestPassesUnlisted() {
		Manifest manifest = listed();
		this.folder.file("000006_fines.up.sql", "CREATE TABLE fines (id int);");
		assertThat(verify(manifest)).isEmpty();
	}

	@Test
	void aLineEndingChangeIsNotAnEdit() {
		Manifest manifest = listed();
		this.folder.file("000002_authors.up.sql", "CREATE TABLE authors (id int);\r\n");
		Manifest again = ManifestCheck.update(manifest, this.folder.read(), Set.of()).manifest();
		this.folder.file("000002_authors.up.sql", "\uFEFFCREATE TABLE authors (id int);\n");
		assertThat(verify(again)).isEmpty();
	}

	@Test
	void anEditedFileIsNamed() {
		Manifest manifest = listed();
		this.folder.file("000002_authors.up.sql", "CREATE TABLE authors (id bigint);");
		assertThat(verify(manifest)).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.EDITED);
			assertThat(problem.message()).startsWith("000002_authors.up.sql was edited after it was listed")
				.contains("record the edit with mvn cairn:manifest");
		});
	}

	@Test
	void anEditedDownFileIsNamedToo() {
		Manifest manifest = listed();
		this.folder.file("000001_books.down.sql", "DROP TABLE IF EXISTS books;");
		assertThat(verify(manifest)).extracting(ManifestProblem::kind).containsExactly(ManifestProblem.Kind.EDITED);
	}

	@Test
	void aRenamedFileNamesBothNames() {
		Manifest manifest = listed();
		this.folder.rename("000002_authors.up.sql", "000002_writers.up.sql");
		assertThat(verify(manifest)).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.RENAMED);
			assertThat(problem.files()).containsExactly("000002_authors.up.sql", "000002_writers.up.sql");
		});
	}

	@Test
	void aRemovedFileIsNamed() {
		Manifest manifest = listed();
		this.folder.delete("000002_authors.up.sql");
		assertThat(verify(manifest)).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.REMOVED);
			assertThat(problem.message()).startsWith("000002_authors.up.sql is listed but no longer exists");
		});
	}

	@Test
	void twoFilesSharingAVersionAreNamedAcrossLayouts() {
		Manifest manifest = listed();
		this.folder.file("V6__fines.sql", "SELECT 1;").file("000006_fines.up.sql", "SELECT 1;");
		this.folder.file("V2__again.sql", "SELECT 1;"); // below the highest too, but reported once, as a duplicate
		assertThat(verify(manifest)).satisfiesExactlyInAnyOrder((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.DUPLICATE_VERSION);
			assertThat(problem.files()).containsExactlyInAnyOrder("000006_fines.up.sql", "V6__fines.sql");
		}, (problem) -> assertThat(problem.files()).containsExactlyInAnyOrder("000002_authors.up.sql", "V2__again.sql"));
	}

	@Test
	void aNewFileBelowTheHighestListedFailsUnlessAllowed() {
		Manifest manifest = listed();
		this.folder.file("000004_members.up.sql", "CREATE TABLE members (id int);");
		assertThat(verify(manifest)).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.LATE);
			assertThat(problem.message()).contains("version 4, below 5")
				.contains("mvn cairn:manifest -Dcairn.allowLate=4");
		});
		assertThat(verify(manifest, Version.parse("4"))).isEmpty();
	}

	@Test
	void listingALateFileMarksItAndThenItPasses() {
		Manifest manifest = listed();
		this.folder.file("000004_members.up.sql", "CREATE TABLE members (id int);");
		assertThat(ManifestCheck.update(manifest, this.folder.read(), Set.of()).problems())
			.extracting(ManifestProblem::kind)
			.containsExactly(ManifestProblem.Kind.LATE);
		ManifestCheck.Update update = ManifestCheck.update(manifest, this.folder.read(), Set.of(Version.parse("4")));
		assertThat(update.problems()).isEmpty();
		assertThat(update.changes()).containsExactly("added 000004_members.up.sql (late)");
		assertThat(update.manifest().format()).contains("4 late  ");
		assertThat(update.manifest().entries()).last().extracting(ManifestEntry::script).isEqualTo("000004_members.up.sql");
		assertThat(verify(Manifest.parse(update.manifest().format(), "m"))).isEmpty();
	}

	@Test
	void aHandMergedManifestWithoutTheLateMarkIsOutOfOrder() {
		Manifest manifest = listed();
		this.folder.file("000004_members.up.sql", "CREATE TABLE members (id int);");
		String text = ManifestCheck.update(manifest, this.folder.read(), Set.of(Version.parse("4"))).manifest().format()
			.replace("4 late  ", "4  ");
		assertThat(verify(Manifest.parse(text, "m"))).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.OUT_OF_ORDER);
			assertThat(problem.message()).contains("000004_members.up.sql is listed after 000005_loans.up.sql");
		});
	}

	@Test
	void updatingRecordsEditsRenamesAndRemovalsInPlace() {
		Manifest manifest = listed();
		this.folder.file("000001_books.up.sql", "CREATE TABLE books (id bigint);")
			.rename("000002_authors.up.sql", "000002_writers.up.sql")
			.delete("000001_books.down.sql")
			.file("000006_fines.up.sql", "SELECT 1;");
		ManifestCheck.Update update = ManifestCheck.update(manifest, this.folder.read(), Set.of());
		assertThat(update.problems()).isEmpty();
		assertThat(update.changes()).containsExactly("changed 000001_books.up.sql", "removed 000001_books.down.sql",
				"renamed 000002_authors.up.sql to 000002_writers.up.sql", "added 000006_fines.up.sql");
		assertThat(update.manifest().entries()).extracting(ManifestEntry::script)
			.containsExactly("000001_books.up.sql", "000002_writers.up.sql", "000005_loans.up.sql", "000006_fines.up.sql");
		assertThat(verify(update.manifest())).isEmpty();
	}

	@Test
	void anUnparseableNameIsAProblemForBoth() {
		Manifest manifest = listed();
		this.folder.file("000007_oops.sql", "SELECT 1;");
		assertThat(verify(manifest)).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ManifestProblem.Kind.UNREADABLE);
			assertThat(problem.message()).contains("000007_oops.sql").contains("end in .up.sql or .down.sql");
		});
		assertThat(ManifestCheck.update(manifest, this.folder.read(), Set.of()).problems()).hasSize(1);
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		Manifest manifest = listed();
		this.folder.file("000002_authors.up.sql", "edited").delete("000005_loans.up.sql").file("000003_x.up.sql", "x");
		assertThat(verify(manifest)).extracting(ManifestProblem::kind)
			.containsExactlyInAnyOrder(ManifestProblem.Kind.EDITED, ManifestProblem.Kind.REMOVED, ManifestProblem.Kind.LATE);
	}

	@Test
	void repeatableFilesMayChangeButNotVanish() {
		this.folder.file("R__views.sql", "CREATE VIEW v AS SELECT 1;");
		Manifest manifest = listed();
		this.folder.file("R__views.sql", "CREATE VIEW v AS SELECT 2;");
		assertThat(verify(manifest)).isEmpty();
		this.folder.delete("R__views.sql");
		assertThat(verify(manifest)).extracting(ManifestProblem::kind).containsExactly(ManifestProblem.Kind.REMOVED);
	}

	@Test
	void filesInSubFoldersAreListedWithTheirPath() {
		this.folder.file("2026/000007_sub.up.sql", "SELECT 1;").file(".hidden/000008_x.up.sql", "SELECT 1;");
		assertThat(listed().entries()).extracting(ManifestEntry::script).contains("2026/000007_sub.up.sql")
			.doesNotContain(".hidden/000008_x.up.sql");
	}

}
