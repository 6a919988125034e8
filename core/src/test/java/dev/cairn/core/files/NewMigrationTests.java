package dev.cairn.core.files;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NewMigrationTests {

	private static final Instant NOW = Instant.parse("2026-12-07T05:06:07Z");

	@TempDir
	Path root;

	private List<String> next(String name, FolderFixture folder) {
		return NewMigration.plan(folder.read(), name, false, NOW).stream().map(NewMigration.NewFile::script).toList();
	}

	@Test
	void anEmptyFolderGetsTheFirstGolangMigratePair() {
		assertThat(next("create books", new FolderFixture(this.root))).containsExactly("000001_create_books.up.sql",
				"000001_create_books.down.sql");
	}

	@Test
	void aMissingFolderReadsAsEmpty() {
		assertThat(next("x", new FolderFixture(this.root.resolve("missing")))).containsExactly("000001_x.up.sql",
				"000001_x.down.sql");
	}

	@Test
	void aSequenceKeepsItsWidthAndNeverSkips() {
		FolderFixture folder = new FolderFixture(this.root).file("0009_a.up.sql", "x").file("0003_b.up.sql", "x");
		assertThat(next("add-orders", folder)).containsExactly("0010_add_orders.up.sql", "0010_add_orders.down.sql");
	}

	@Test
	void aTimestampedFolderGetsTheTimeInItsFormat() {
		FolderFixture folder = new FolderFixture(this.root).file("20250101120000_a.up.sql", "x");
		assertThat(next("b", folder)).containsExactly("20261207050607_b.up.sql", "20261207050607_b.down.sql");
	}

	@Test
	void aTimestampNotAboveTheHighestBecomesTheHighestPlusOne() {
		FolderFixture folder = new FolderFixture(this.root).file("20261207050607_a.up.sql", "x");
		assertThat(next("b", folder)).containsExactly("20261207050608_b.up.sql", "20261207050608_b.down.sql");
	}

	@Test
	void unixTimestampsStayUnixTimestamps() {
		FolderFixture folder = new FolderFixture(this.root).file("1700000000_a.up.sql", "x");
		assertThat(next("b", folder)).first().isEqualTo(NOW.getEpochSecond() + "_b.up.sql");
	}

	@Test
	void aFlywayFolderGetsAVersionedFile() {
		FolderFixture folder = new FolderFixture(this.root).file("V1__a.sql", "x").file("V1.9__b.sql", "x");
		assertThat(next("c", folder)).containsExactly("V1.10__c.sql");
	}

	@Test
	void aFlywayFolderWithUndoFilesGetsOneToo() {
		FolderFixture folder = new FolderFixture(this.root).file("V001__a.sql", "x").file("U001__a.sql", "x");
		assertThat(next("c", folder)).containsExactly("V002__c.sql", "U002__c.sql");
	}

	@Test
	void theNewFileGoesWhereTheHighestIs() {
		FolderFixture folder = new FolderFixture(this.root).file("2026/000004_a.up.sql", "x").file("000001_b.up.sql", "x");
		assertThat(next("c", folder)).first().isEqualTo("2026/000005_c.up.sql");
	}

	@Test
	void noTransactionStartsBothFilesWithTheDirective() {
		assertThat(NewMigration.plan(new FolderFixture(this.root).read(), "idx", true, NOW))
			.allSatisfy((file) -> assertThat(file.content()).startsWith("-- cairn:no-transaction\n-- idx\n"));
	}

	@Test
	void aNameThatCannotBeAFileNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> next("../etc/passwd", new FolderFixture(this.root)))
			.withMessageContaining("the name '../etc/passwd' cannot be part of a file name");
		assertThatIllegalArgumentException().isThrownBy(() -> next("  ", new FolderFixture(this.root)));
	}

	@Test
	void anUnparseableFileStopsItAsItMightHoldTheNextVersion() {
		FolderFixture folder = new FolderFixture(this.root).file("000001_a.up.sql", "x").file("000002_b.sql", "x");
		assertThatIllegalArgumentException().isThrownBy(() -> next("c", folder))
			.withMessageContaining("000002_b.sql");
	}

	@Test
	void aVersionPartBeyond64BitsIsRefused() {
		FolderFixture folder = new FolderFixture(this.root).file("V9223372036854775807__a.sql", "x");
		assertThatIllegalArgumentException().isThrownBy(() -> next("c", folder)).withMessageContaining("larger than");
	}

}
