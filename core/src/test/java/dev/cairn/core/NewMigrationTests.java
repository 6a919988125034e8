package dev.cairn.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cairn.core.NewMigration.Numbering;
import dev.cairn.core.NewMigration.Options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The next migration's file names, planned from the folder's files alone.
 */
class NewMigrationTests {

	private static final Clock NOON = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path folder;

	@Test
	void anEmptyFolderGetsAGolangMigratePairNumberedOneWithSixDigits() {
		NewMigration next = Cairn.newMigration(this.folder.resolve("new"), "add orders", Options.defaults());
		assertThat(names(next)).containsExactly("000001_add_orders.up.sql", "000001_add_orders.down.sql");
		assertThat(next.layout()).isEqualTo(MigrationLayout.GOLANG_MIGRATE);
		assertThat(next.numbering()).isEqualTo(Numbering.SEQUENCE);
	}

	@Test
	void theNextSequenceNumberIsTheHighestPlusOneWithTheFoldersPadding() throws IOException {
		touch("000001_a.up.sql", "000001_a.down.sql", "sub/000007_b.up.sql", "000003_c.up.sql");
		assertThat(names(plan("next", Options.defaults()))).containsExactly("000008_next.up.sql", "000008_next.down.sql");
	}

	@Test
	void downFilesWithoutUpFilesStillCountSoNoVersionIsReused() throws IOException {
		touch("000001_a.up.sql", "000009_gone.down.sql");
		assertThat(plan("next", Options.defaults()).version()).isEqualTo(Version.parse("10"));
	}

	@Test
	void aFlywayFolderGetsTheNextVFileKeepingDottedParts() throws IOException {
		touch("V1__init.sql", "V2.1.3__more.sql", "R__views.sql");
		assertThat(names(plan("next one", Options.defaults()))).containsExactly("V2.1.4__next_one.sql");
		assertThat(names(plan("next", Options.defaults().withUndo(true)))).containsExactly("V2.1.4__next.sql",
				"U2.1.4__next.sql");
	}

	@Test
	void aFolderNumberedByTimestampGetsTheCurrentUtcTime() throws IOException {
		touch("20240101120000_a.up.sql");
		NewMigration next = plan("b", Options.defaults().withClock(NOON));
		assertThat(next.numbering()).isEqualTo(Numbering.TIMESTAMP);
		assertThat(names(next)).containsExactly("20261207120000_b.up.sql", "20261207120000_b.down.sql");
	}

	@Test
	void aTimestampNotAfterTheHighestVersionBecomesTheHighestPlusOne() throws IOException {
		touch("V20261207120000__a.sql");
		assertThat(names(plan("b", Options.defaults().withClock(NOON)))).containsExactly("V20261207120001__b.sql");
	}

	@Test
	void askedForOptionsWinOverTheFolder() throws IOException {
		touch("000004_a.up.sql");
		assertThat(names(plan("b", Options.defaults().withLayout(MigrationLayout.FLYWAY)))).containsExactly("V000005__b.sql");
		assertThat(names(plan("b", Options.defaults().withDigits(3)))).containsExactly("005_b.up.sql", "005_b.down.sql");
		assertThat(names(plan("b", Options.defaults().withNumbering(Numbering.TIMESTAMP).withClock(NOON))))
			.containsExactly("20261207120000_b.up.sql", "20261207120000_b.down.sql");
	}

	@Test
	void aFolderMixingLayoutsIsRefusedNamingAFileOfEach() throws IOException {
		touch("000001_a.up.sql", "V2__b.sql");
		assertThatThrownBy(() -> plan("c", Options.defaults())).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("000001_a.up.sql")
			.hasMessageContaining("V2__b.sql")
			.hasMessageContaining("--layout");
	}

	@Test
	void aSqlFileThatIsNoMigrationIsRefusedByName() throws IOException {
		touch("000001_a.up.sql", "notes.sql");
		assertThatThrownBy(() -> plan("c", Options.defaults())).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("notes.sql");
	}

	@Test
	void namesThatWouldEscapeTheFolderOrMisreadAreRefused() {
		for (String name : List.of("", "  ", "../evil", "a/b", "a\\b", ".hidden", "x.up.sql", "tab\u0001")) {
			assertThatThrownBy(() -> plan(name, Options.defaults())).as(name)
				.isInstanceOf(CairnConfigurationException.class)
				.hasMessageContaining("name");
		}
	}

	@Test
	void writingNeverOverwritesAFileCreatedInTheMeantime() throws IOException {
		NewMigration next = plan("a", Options.defaults());
		touch("000001_a.down.sql");
		assertThatThrownBy(next::write).isInstanceOf(CairnConfigurationException.class).hasMessageContaining("exists already");
		assertThat(this.folder.resolve("000001_a.up.sql")).doesNotExist();
		NewMigration again = plan("a", Options.defaults());
		assertThat(again.write()).allMatch(Files::exists);
		assertThat(names(again)).containsExactly("000002_a.up.sql", "000002_a.down.sql");
	}

	@Test
	void aFlywayFolderWithUndoFilesGetsAnUndoFileWithoutBeingAsked() throws IOException {
		touch("V001__a.sql", "U001__a.sql");
		assertThat(names(plan("c", Options.defaults()))).containsExactly("V002__c.sql", "U002__c.sql");
	}

	@Test
	void theNewFilesGoWhereTheHighestVersionIs() throws IOException {
		touch("2026/000004_a.up.sql", "000001_b.up.sql");
		assertThat(plan("c", Options.defaults()).files()).first()
			.isEqualTo(this.folder.resolve("2026/000005_c.up.sql"));
	}

	@Test
	void unixTimestampsStayUnixTimestamps() throws IOException {
		touch("1700000000_a.up.sql");
		assertThat(names(plan("b", Options.defaults().withClock(NOON))))
			.first().isEqualTo(NOON.instant().getEpochSecond() + "_b.up.sql");
	}

	@Test
	void aVersionPartBeyond64BitsIsRefused() throws IOException {
		touch("V9223372036854775807__a.sql");
		assertThatThrownBy(() -> plan("c", Options.defaults())).isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("64 bits");
	}

	@Test
	void noTransactionIsSaidInEachLayoutsOwnWords() throws IOException {
		Options options = Options.defaults().withNoTransaction(true).withClock(NOON);
		assertThat(plan("idx", options).contents())
			.allSatisfy((content) -> assertThat(content).startsWith("-- cairn:no-transaction\n-- idx\n"));
		assertThat(plan("idx", options.withLayout(MigrationLayout.GOOSE)).contents())
			.containsExactly("-- idx\n-- +goose NO TRANSACTION\n-- +goose Up\n\n\n-- +goose Down\n\n");
		assertThat(plan("idx", options.withLayout(MigrationLayout.DBMATE)).contents())
			.containsExactly("-- idx\n-- migrate:up transaction:false\n\n\n-- migrate:down transaction:false\n\n");
	}

	@Test
	void aGooseFolderGetsTheNextFileWithBothSections() throws IOException {
		write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n");
		write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n");
		NewMigration next = plan("add orders", Options.defaults());
		assertThat(next.layout()).isEqualTo(MigrationLayout.GOOSE);
		assertThat(names(next)).containsExactly("00003_add_orders.sql");
		assertThat(next.contents()).containsExactly("-- add orders\n-- +goose Up\n\n\n-- +goose Down\n\n");
		assertThat(names(plan("x", Options.defaults().withLayout(MigrationLayout.GOOSE)))).containsExactly("00003_x.sql");
	}

	@Test
	void snapshotsAndRepeatablesDoNotChangeTheLayoutOrTheNextVersion() throws IOException {
		touch("V1__a.sql", "V2__b.sql", "B2__base.sql", "R__views.sql");
		NewMigration next = plan("c", Options.defaults());
		assertThat(next.layout()).isEqualTo(MigrationLayout.FLYWAY);
		assertThat(names(next)).containsExactly("V3__c.sql");
		touch("golang/000001_a.up.sql", "golang/000007_base.snapshot.sql");
		assertThat(names(Cairn.newMigration(this.folder.resolve("golang"), "c", Options.defaults())))
			.containsExactly("000008_c.up.sql", "000008_c.down.sql");
	}

	@Test
	void anEmptyFolderAskedForGooseGetsGoosesFiveDigits() {
		assertThat(names(plan("a", Options.defaults().withLayout(MigrationLayout.GOOSE)))).containsExactly("00001_a.sql");
	}

	@Test
	void aDbmateFolderGetsATimestampedFileWithBothMarkers() throws IOException {
		write("20240101120000_a.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n");
		NewMigration next = plan("b", Options.defaults().withClock(NOON));
		assertThat(next.layout()).isEqualTo(MigrationLayout.DBMATE);
		assertThat(names(next)).containsExactly("20261207120000_b.sql");
		assertThat(next.contents()).containsExactly("-- b\n-- migrate:up\n\n\n-- migrate:down\n\n");
		assertThat(names(Cairn.newMigration(this.folder.resolve("empty"), "b",
				Options.defaults().withLayout(MigrationLayout.DBMATE).withClock(NOON))))
			.containsExactly("20261207120000_b.sql");
	}

	@Test
	void aPrismaFolderGetsANewMigrationFolder() throws IOException {
		write("20240101120000_init/migration.sql", "-- CreateTable\nCREATE TABLE a (id int);\n");
		write("migration_lock.toml", "provider = \"postgresql\"\n");
		NewMigration next = plan("add orders", Options.defaults().withClock(NOON));
		assertThat(next.layout()).isEqualTo(MigrationLayout.PRISMA);
		assertThat(next.files()).containsExactly(this.folder.resolve("20261207120000_add_orders/migration.sql"));
		assertThat(next.write()).allMatch(Files::exists);
		assertThat(plan("again", Options.defaults().withClock(NOON)).files())
			.containsExactly(this.folder.resolve("20261207120001_again/migration.sql"));
	}

	@Test
	void aFolderOfPlainScriptsGetsTheNextPlainScript() throws IOException {
		write("2.13.6.sql", "SELECT 1;");
		write("2.13.7_fix.sql", "SELECT 1;");
		NewMigration next = plan("more", Options.defaults());
		assertThat(next.layout()).isEqualTo(MigrationLayout.PLAIN);
		assertThat(names(next)).containsExactly("2.13.8_more.sql");
	}

	@Test
	void aFileInAnotherLayoutThanTheFoldersIsRefusedBeforeWriting() throws IOException {
		write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
		assertThatThrownBy(() -> plan("b", Options.defaults().withLayout(MigrationLayout.DBMATE).withNumbering(Numbering.SEQUENCE)))
			.isInstanceOf(CairnConfigurationException.class)
			.hasMessageContaining("more than one layout");
		assertThat(this.folder.resolve("00002_b.sql")).doesNotExist();
	}

	@Test
	void everyCreatedFileReadsBackAsTheNewVersionInItsLayout() throws IOException {
		for (MigrationLayout layout : MigrationLayout.values()) {
			if (layout == MigrationLayout.AUTO) {
				continue;
			}
			Path into = this.folder.resolve(layout.displayName());
			Options options = Options.defaults().withLayout(layout).withClock(NOON);
			NewMigration first = Cairn.newMigration(into, "first", options);
			first.write();
			NewMigration second = Cairn.newMigration(into, "second", Options.defaults().withClock(NOON));
			assertThat(second.layout()).as(layout.displayName()).isEqualTo(layout);
			assertThat(second.version()).as(layout.displayName()).isGreaterThan(first.version());
			second.write();
		}
	}

	private void write(String name, String content) throws IOException {
		Path file = this.folder.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

	private NewMigration plan(String name, Options options) {
		return Cairn.newMigration(this.folder, name, options);
	}

	private void touch(String... names) throws IOException {
		for (String name : names) {
			Path file = this.folder.resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, "SELECT 1;");
		}
	}

	private static List<String> names(NewMigration next) {
		return next.files().stream().map((file) -> file.getFileName().toString()).toList();
	}

}
