package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationLayout;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Other tools' folders and histories: locations whose layout is ambiguous, section markers Cairn
 * does not read, and source histories the source tool itself would not go on from.
 */
abstract class AdoptionCases extends CatalogueCases {

	private static final String GOOSE = "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n";

	private static final String DBMATE = "-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\n";

	@Test
	void locationWithGooseAndDbmateFilesIsRefusedNamingThem() {
		write("00001_a.sql", GOOSE).write("20240101000000_b.sql", DBMATE);
		CairnException ex = refused("adopt-01", "goose's `00001_a.sql` and dbmate's `20240101000000_b.sql` in one"
				+ " location (layout auto)", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("holds files of more than one layout", "goose (00001_a.sql)",
				"dbmate (20240101000000_b.sql)", "name the location's layout");
	}

	@Test
	void locationMixingGolangMigrateNamesAndPrismaFoldersIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);")
			.write("20240101000000_init/migration.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("adopt-02", "`000001_a.up.sql` beside Prisma's `20240101000000_init/migration.sql`",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("golang-migrate or Flyway names (000001_a.up.sql)",
				"prisma (20240101000000_init/migration.sql)");
	}

	@Test
	void fileWithBothGooseAndDbmateMarkersIsRefused() {
		write("00001_a.sql", "-- +goose Up\n-- migrate:up\nCREATE TABLE a (id int);\n");
		CairnException ex = refused("adopt-03", "`00001_a.sql` holding both `-- +goose Up` and `-- migrate:up`",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("00001_a.sql: holds both goose's");
	}

	@Test
	void gooseEnvsubAnnotationIsRefused() {
		write("00001_a.sql", "-- +goose Up\n-- +goose ENVSUB ON\nCREATE TABLE ${TABLE} (id int);\n");
		CairnException ex = refused("adopt-04", "goose file with `-- +goose ENVSUB ON`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("00001_a.sql:2: unknown goose annotation 'ENVSUB ON'",
				"write the values into the SQL");
	}

	@Test
	void unknownDbmateMarkerIsRefused() {
		write("20240101000000_b.sql", "-- migrate:up\nCREATE TABLE b (id int);\n-- migrate:rollback\nDROP TABLE b;\n");
		CairnException ex = refused("adopt-05", "dbmate file with `-- migrate:rollback`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("20240101000000_b.sql:3: unknown dbmate marker '-- migrate:rollback'");
	}

	@Test
	void gooseStatementBeginWithoutEndIsRefused() {
		write("00001_a.sql", "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int);\n");
		CairnException ex = refused("adopt-06", "goose `StatementBegin` without `StatementEnd`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("00001_a.sql:2: -- +goose StatementBegin has no StatementEnd");
	}

	@Test
	void sqlBeforeTheGooseUpSectionIsRefused() {
		write("00001_a.sql", "CREATE TABLE x (id int);\n-- +goose Up\nCREATE TABLE a (id int);\n")
			.write("00002_b.sql", GOOSE.replace(" a", " b"));
		CairnException ex = refused("adopt-07", "goose file with SQL before `-- +goose Up`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("00001_a.sql:1: SQL before the first -- +goose Up");
	}

	@Test
	void fileThatDoesNotFollowTheNamedLayoutIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		CairnException ex = refused("adopt-08", "`000001_a.up.sql` in a location whose layout is set to goose",
				() -> new Cairn(configure().layout(MigrationLayout.GOOSE).build()).migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql: goose names look like 00042_add_orders.sql");
	}

	@Test
	void plainLayoutOnADbmateFileIsRefused() {
		write("20240101000000_b.sql", DBMATE);
		CairnException ex = refused("adopt-09", "dbmate file in a location whose layout is set to plain",
				() -> new Cairn(configure().layout(MigrationLayout.PLAIN).build()).migrate());
		assertThat(ex.getMessage()).contains("has dbmate's section markers", "running it whole would run its down section");
	}

	@Test
	void layoutForALocationThatIsNotConfiguredIsRefused() {
		CairnException ex = refused("adopt-10", "a layout for `classpath:db/other`, which is not among the locations",
				"refused when the configuration is built", () -> configure().layout("classpath:db/other",
						MigrationLayout.GOOSE).build());
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains("layout of location 'classpath:db/other' is given, but that is not one of"
				+ " the locations");
	}

	@Test
	void morphMarkerAfterTheFirstStatementIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);\n-- morph:nontransactional\n");
		CairnException ex = refused("adopt-11", "`-- morph:nontransactional` after the first statement",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql:2: morph's marker", "move it there");
	}

	@Test
	void atlasTxmodeAllIsRefused() {
		write("000001_a.up.sql", "-- atlas:txmode all\nCREATE TABLE a (id int);\n");
		CairnException ex = refused("adopt-12", "`-- atlas:txmode all`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql:1: Atlas's -- atlas:txmode all has no Cairn equivalent");
	}

	@Test
	void unfinishedPrismaMigrationIsRefused() {
		write("20240101000000_init/migration.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(database(), "CREATE TABLE public._prisma_migrations (id varchar(36) PRIMARY KEY,"
				+ " checksum varchar(64) NOT NULL, finished_at timestamptz, migration_name varchar(255) NOT NULL, logs text,"
				+ " rolled_back_at timestamptz, started_at timestamptz NOT NULL DEFAULT now(),"
				+ " applied_steps_count integer NOT NULL DEFAULT 0)",
				"INSERT INTO public._prisma_migrations (id, checksum, migration_name) VALUES ('a', 'c', '20240101000000_init')");
		CairnException ex = refused("adopt-13", "`_prisma_migrations` with a row neither finished nor rolled back",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("as started but not finished",
				"prisma migrate resolve --rolled-back 20240101000000_init");
	}

	@Test
	void gormigrateIdMatchingNoFileIsRefused() {
		write("000001_a.up.sql", "CREATE TABLE a (id int);");
		TestDatabase.execute(database(), "CREATE TABLE public.migrations (id varchar(255) PRIMARY KEY)",
				"INSERT INTO public.migrations VALUES ('000001_a'), ('seed_admin')");
		CairnException ex = refused("adopt-14", "gormigrate's `migrations` with id `seed_admin` that no file has",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("has id 'seed_admin', which matches no migration file");
	}

	@Test
	void versionSetWithANonNumericVersionIsRefused() {
		write("20240101000000_b.sql", DBMATE);
		TestDatabase.execute(database(), "CREATE TABLE public.schema_migrations (version varchar(128) PRIMARY KEY)",
				"INSERT INTO public.schema_migrations VALUES ('20240101000000_b')");
		CairnException ex = refused("adopt-15", "dbmate's `schema_migrations` with version `20240101000000_b`",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("has version '20240101000000_b', which is not a Cairn version");
	}

	@Test
	void twoToolsHistoriesAreRefused() {
		write("20240101000000_b.sql", DBMATE);
		TestDatabase.execute(database(), "CREATE TABLE public.schema_migrations (version varchar(128) PRIMARY KEY)",
				"INSERT INTO public.schema_migrations VALUES ('20240101000000')",
				"CREATE TABLE public.migrations (id varchar(255) PRIMARY KEY)",
				"INSERT INTO public.migrations VALUES ('20240101000000')");
		CairnException ex = refused("adopt-16", "dbmate's `schema_migrations` and gormigrate's `migrations`, both with rows",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("holds the histories of more than one tool");
	}

	@Test
	void golangMigrateNamedFileWithGooseSectionsIsRefused() {
		write("000001_a.up.sql", GOOSE);
		CairnException ex = refused("adopt-17", "`000001_a.up.sql` holding goose's `-- +goose Up` and `-- +goose Down`"
				+ " sections", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("000001_a.up.sql:1: the file has goose's section markers");
	}

}
