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

import dev.cairn.core.NewMigration.Layout;
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
		assertThat(next.layout()).isEqualTo(Layout.GOLANG_MIGRATE);
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
		assertThat(names(plan("b", Options.defaults().withLayout(Layout.FLYWAY)))).containsExactly("V000005__b.sql");
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
