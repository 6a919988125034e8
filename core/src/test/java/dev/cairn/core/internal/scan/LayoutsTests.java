package dev.cairn.core.internal.scan;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.Problem;
import dev.cairn.core.internal.migration.SqlMigration;
import dev.cairn.core.internal.sql.SqlScript;
import dev.cairn.core.internal.sql.SqlScriptParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Recognising a location's layout from its files and cutting single-file layouts into scripts,
 * without a database.
 */
class LayoutsTests {

	private static final Location LOCATION = Location.parse("filesystem:/srv/migrations");

	private static ScannedFile file(String name, String text) {
		return new ScannedFile(LOCATION, name, text.getBytes(StandardCharsets.UTF_8));
	}

	private final List<Problem> problems = new ArrayList<>();

	private List<LayoutEntry> read(MigrationLayout setting, ScannedFile... files) {
		return Layouts.read(Arrays.asList(files), (location) -> setting, this.problems);
	}

	private List<LayoutEntry> auto(ScannedFile... files) {
		return read(MigrationLayout.AUTO, files);
	}

	private static String text(LayoutEntry entry) {
		return SqlMigration.text(entry.file());
	}

	private static List<String> describe(List<LayoutEntry> entries) {
		return entries.stream()
			.map((entry) -> entry.name().layout() + " " + entry.name().kind() + " " + entry.name().version() + " "
					+ entry.name().description())
			.toList();
	}

	@Test
	void golangMigrateAndFlywayNamesAreReadByNameAsBefore() {
		assertThat(describe(auto(file("000001_a.up.sql", "x"), file("000001_a.down.sql", "y"), file("V2__b.sql", "z"))))
			.containsExactly("GOLANG_MIGRATE UP 1 a", "GOLANG_MIGRATE DOWN 1 a", "FLYWAY UP 2 b");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void gooseFilesAreRecognisedByTheirAnnotationsAndCutIntoSectionsKeepingLineNumbers() {
		String goose = """
				-- a comment before the sections
				-- +goose Up
				CREATE TABLE a (id int);
				-- +goose StatementBegin
				CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql;
				-- +goose StatementEnd

				-- +goose Down
				DROP FUNCTION f();
				DROP TABLE a;
				""";
		List<LayoutEntry> entries = auto(file("00001_create_a.sql", goose), file("00002_b.sql", "-- +goose Up\nSELECT 1"));
		assertThat(this.problems).isEmpty();
		assertThat(describe(entries)).containsExactly("GOOSE UP 1 create a", "GOOSE DOWN 1 create a", "GOOSE UP 2 b");
		SqlScript up = SqlScriptParser.parse(text(entries.get(0)));
		assertThat(up.statements()).extracting((statement) -> statement.line() + " " + statement.keyword())
			.containsExactly("3 CREATE", "5 CREATE");
		assertThat(up.transactional()).isTrue();
		SqlScript down = SqlScriptParser.parse(text(entries.get(1)));
		assertThat(down.statements()).extracting((statement) -> statement.line() + " " + statement.sql())
			.containsExactly("9 DROP FUNCTION f()", "10 DROP TABLE a");
		assertThat(text(entries.get(0))).doesNotContain("DROP", "+goose");
	}

	@Test
	void gooseNoTransactionAppliesToBothSections() {
		List<LayoutEntry> entries = auto(file("00003_index.sql", """
				-- +goose NO TRANSACTION
				-- +goose Up
				CREATE INDEX CONCURRENTLY i ON a (id);
				-- +goose Down
				DROP INDEX CONCURRENTLY i;
				"""));
		assertThat(entries).allSatisfy((entry) -> assertThat(SqlScriptParser.parse(text(entry)).transactional()).isFalse());
	}

	@Test
	void dbmateFilesAreRecognisedByTheirMarkersWithTransactionFalsePerSection() {
		List<LayoutEntry> entries = auto(file("20240101120000_create_a.sql", """
				-- migrate:up transaction:false
				CREATE INDEX CONCURRENTLY i ON a (id);

				-- migrate:down
				DROP INDEX i;
				"""));
		assertThat(this.problems).isEmpty();
		assertThat(describe(entries)).containsExactly("DBMATE UP 20240101120000 create a",
				"DBMATE DOWN 20240101120000 create a");
		assertThat(SqlScriptParser.parse(text(entries.get(0))).transactional()).isFalse();
		SqlScript down = SqlScriptParser.parse(text(entries.get(1)));
		assertThat(down.transactional()).isTrue();
		assertThat(down.statements().get(0).line()).isEqualTo(5);
	}

	@Test
	void prismaFoldersAreRecognisedByTheirNames() {
		assertThat(describe(auto(file("20240101120000_init/migration.sql", "CREATE TABLE a (id int);"),
				file("20240202120000_add_b/migration.sql", "CREATE TABLE b (id int);"))))
			.containsExactly("PRISMA UP 20240101120000 init", "PRISMA UP 20240202120000 add b");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void plainScriptsAreRecognisedWhenTheLocationHoldsNothingElse() {
		assertThat(describe(auto(file("2024010100.sql", "SELECT 1;"), file("2.13.6.sql", "SELECT 2;"),
				file("2.13.7_add_index.sql", "SELECT 3;"))))
			.containsExactly("PLAIN UP 2024010100 2024010100", "PLAIN UP 2.13.6 2.13.6", "PLAIN UP 2.13.7 add index");
		assertThat(this.problems).isEmpty();
	}

	@Test
	void aVersionedFileWithoutMarkersAmongGooseFilesGetsGoosesError() {
		auto(file("00001_a.sql", "-- +goose Up\nSELECT 1;"), file("00002_b.sql", "SELECT 2;"));
		assertThat(this.problems).extracting(Problem::message)
			.containsExactly("filesystem:/srv/migrations/00002_b.sql:1: SQL before the first -- +goose Up or -- +goose"
					+ " Down annotation belongs to neither direction: move it into a section");
	}

	@Test
	void aLocationMixingLayoutsIsRefusedNamingTheFilesOfEach() {
		List<LayoutEntry> entries = auto(file("00001_a.sql", "-- +goose Up\nSELECT 1;"),
				file("20240101120000_b.sql", "-- migrate:up\nSELECT 2;"), file("000003_c.up.sql", "SELECT 3;"));
		assertThat(entries).isEmpty();
		assertThat(this.problems).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Problem.Kind.AMBIGUOUS_LAYOUT);
			assertThat(problem.message()).contains("location filesystem:/srv/migrations holds files of more than one"
					+ " layout: goose (00001_a.sql), dbmate (20240101120000_b.sql), golang-migrate or Flyway names"
					+ " (000003_c.up.sql)", "does not guess");
		});
	}

	@Test
	void aFileWithBothToolsMarkersIsRefusedAsAmbiguous() {
		auto(file("00001_a.sql", "-- +goose Up\n-- migrate:up\nSELECT 1;"));
		assertThat(this.problems).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(Problem.Kind.AMBIGUOUS_LAYOUT);
			assertThat(problem.message()).contains("00001_a.sql: holds both goose's");
		});
	}

	@Test
	void aNamedLayoutRefusesFilesThatDoNotFollowIt() {
		read(MigrationLayout.GOOSE, file("000001_a.up.sql", "SELECT 1;"), file("00002_b.sql", "SELECT 2;"));
		assertThat(this.problems).extracting(Problem::message)
			.containsExactly("filesystem:/srv/migrations/000001_a.up.sql: goose names look like 00042_add_orders.sql"
					+ " (a number, '_', a name, .sql): rename the file, or set the location's layout to what it follows",
					"filesystem:/srv/migrations/00002_b.sql:1: SQL before the first -- +goose Up or -- +goose Down"
							+ " annotation belongs to neither direction: move it into a section");
	}

	@Test
	void namedGolangMigrateRefusesFlywayNames() {
		read(MigrationLayout.GOLANG_MIGRATE, file("V1__a.sql", "SELECT 1;"));
		assertThat(this.problems).extracting(Problem::message).singleElement().asString()
			.contains("V1__a.sql: the location's layout is golang-migrate");
	}

	@Test
	void plainLayoutRefusesAFileWithSectionMarkers() {
		read(MigrationLayout.PLAIN, file("20240101120000_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;"));
		assertThat(this.problems).extracting(Problem::message).singleElement().asString()
			.contains("has dbmate's section markers", "set the location's layout to dbmate");
	}

	@Test
	void unknownSectionMarkersAndOptionsAreRefusedWithTheirLine() {
		read(MigrationLayout.GOOSE, file("00001_a.sql", "-- +goose Up\nSELECT 1;\n-- +goose ENVSUB ON\n"));
		read(MigrationLayout.DBMATE, file("20240101120000_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:sideways\n"),
				file("20240101120001_b.sql", "-- migrate:up transaction:maybe\nSELECT 1;\n"));
		assertThat(this.problems).extracting(Problem::message)
			.containsExactly("filesystem:/srv/migrations/00001_a.sql:3: unknown goose annotation 'ENVSUB ON': Cairn does"
					+ " not substitute environment variables; write the values into the SQL",
					"filesystem:/srv/migrations/20240101120000_a.sql:3: unknown dbmate marker '-- migrate:sideways': use"
							+ " -- migrate:up or -- migrate:down",
					"filesystem:/srv/migrations/20240101120001_b.sql:1: unknown dbmate option 'transaction:maybe': Cairn"
							+ " reads transaction:false and transaction:true");
	}

	@Test
	void unbalancedGooseStatementMarkersAreRefused() {
		read(MigrationLayout.GOOSE, file("00001_a.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n"),
				file("00002_b.sql", "-- +goose Up\n-- +goose StatementEnd\n"),
				file("00003_c.sql", "-- +goose Down\nSELECT 1;\n"));
		assertThat(this.problems).extracting(Problem::message)
			.containsExactly("filesystem:/srv/migrations/00001_a.sql:2: -- +goose StatementBegin has no StatementEnd: add"
					+ " one after the statement",
					"filesystem:/srv/migrations/00002_b.sql:2: -- +goose StatementEnd without a StatementBegin before it:"
							+ " add the StatementBegin or remove this line",
					"filesystem:/srv/migrations/00003_c.sql:1: no -- +goose Up annotation: goose files start their up"
							+ " section with -- +goose Up (add it), or set the location's layout to what the file follows");
	}

	@Test
	void theUpScriptsChecksumIgnoresTheDownSection() {
		String before = Checksums.of(auto(file("00001_a.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n"))
			.get(0).file().content());
		String after = Checksums.of(auto(file("00001_a.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 3;\n\n"))
			.get(0).file().content());
		String changed = Checksums.of(auto(file("00001_a.sql", "-- +goose Up\nSELECT 2;\n-- +goose Down\nSELECT 2;\n"))
			.get(0).file().content());
		assertThat(after).isEqualTo(before);
		assertThat(changed).isNotEqualTo(before);
		// Naming the layout instead of recognising it reads the same scripts.
		assertThat(Checksums.of(read(MigrationLayout.GOOSE,
				file("00001_a.sql", "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n")).get(0).file().content()))
			.isEqualTo(before);
	}

	@Test
	void crlfFilesAreCutTheSameWay() {
		List<LayoutEntry> entries = auto(file("00001_a.sql", "-- +goose Up\r\nSELECT 1;\r\n-- +goose Down\r\nSELECT 2;\r\n"));
		assertThat(text(entries.get(0))).isEqualTo("\nSELECT 1;\n");
		assertThat(text(entries.get(1))).isEqualTo("\n\n\nSELECT 2;\n");
	}

	@Test
	void aByteOrderMarkBeforeTheFirstMarkerIsNoStatement() {
		byte[] text = "-- +goose Up\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8);
		byte[] withBom = new byte[text.length + 3];
		withBom[0] = (byte) 0xEF;
		withBom[1] = (byte) 0xBB;
		withBom[2] = (byte) 0xBF;
		System.arraycopy(text, 0, withBom, 3, text.length);
		List<LayoutEntry> entries = auto(new ScannedFile(LOCATION, "00001_a.sql", withBom));
		assertThat(this.problems).isEmpty();
		assertThat(text(entries.get(0))).isEqualTo("\nSELECT 1;\n");
		assertThat(Checksums.of(entries.get(0).file().content()))
			.isEqualTo(Checksums.of(auto(file("00001_a.sql", "-- +goose Up\nSELECT 1;\n")).get(0).file().content()));
	}

	@Test
	void aMarkerInsideTheOtherSectionStartsNoThirdSection() {
		// Down before Up is read as written; each section ends where the other begins.
		List<LayoutEntry> entries = auto(file("20240101000000_a.sql", "-- migrate:down\nDROP TABLE a;\n-- migrate:up\n"
				+ "CREATE TABLE a (id int);\n"));
		assertThat(describe(entries)).containsExactly("DBMATE UP 20240101000000 a", "DBMATE DOWN 20240101000000 a");
		assertThat(text(entries.get(0))).isEqualTo("\n\n\nCREATE TABLE a (id int);\n");
		assertThat(text(entries.get(1))).isEqualTo("\nDROP TABLE a;\n");
	}

	@Test
	void aGolangMigrateNamedFileWithSectionMarkersIsRefusedRatherThanRunWhole() {
		List<LayoutEntry> entries = auto(file("000001_a.up.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\n"
				+ "DROP TABLE a;\n"), file("000002_b.up.sql", "-- Migrate: copies the rows\n-- +goose gave up here\nCREATE TABLE b (id int);"));
		assertThat(describe(entries)).containsExactly("GOLANG_MIGRATE UP 2 b");
		assertThat(this.problems).extracting(Problem::message)
			.containsExactly("filesystem:/srv/migrations/000001_a.up.sql:1: the file has goose's section markers, so"
					+ " running it whole would run its down section too: rename it as goose names its files (and set"
					+ " the location's layout to goose or auto), or remove the markers");
	}

	@Test
	void layoutNamesParseAsWrittenInSettings() {
		assertThat(MigrationLayout.parse("golang-migrate")).isEqualTo(MigrationLayout.GOLANG_MIGRATE);
		assertThat(MigrationLayout.parse(" Goose ")).isEqualTo(MigrationLayout.GOOSE);
		assertThat(MigrationLayout.parse("golang_migrate")).isEqualTo(MigrationLayout.GOLANG_MIGRATE);
		assertThatIllegalArgumentException().isThrownBy(() -> MigrationLayout.parse("liquibase"))
			.withMessage("layout 'liquibase' is unknown: use one of auto, golang-migrate, flyway, goose, dbmate, prisma,"
					+ " plain");
	}

}
