package dev.cairn.core;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each tool's folder, as that tool's users write it (under {@code src/test/resources/adopt}),
 * applied and undone as it is, against real PostgreSQL: sections, markers and the quirks (empty
 * files and sections, no final {@code ;}, DO blocks, functions with {@code ;} in their body).
 */
class LayoutMigrateTests extends MigrationTest {

	private Cairn cairn(String folder, MigrationLayout layout) {
		return new Cairn(CairnConfiguration.builder()
			.dataSource(this.dataSource)
			.locations("classpath:adopt/" + folder)
			.layout(layout)
			.build());
	}

	private List<String> history() {
		return Sql.column(this.dataSource,
				"SELECT version || ' ' || type || ' ' || script FROM public.cairn_history ORDER BY applied_order");
	}

	@Test
	void gooseFilesApplyBySectionAndRollBackThroughTheirDownSections() {
		Cairn cairn = cairn("goose", MigrationLayout.AUTO);
		assertThat(cairn.migrate().applied()).hasSize(5);
		assertThat(history()).containsExactly("1 SQL 00001_create_users.sql", "2 SQL 00002_touch_function.sql",
				"3 SQL_NO_TRANSACTION 00003_email_index.sql", "4 SQL 00004_nothing_yet.sql",
				"5 SQL 00005_seed_without_semicolon.sql");
		assertThat(Sql.value(this.dataSource, "SELECT email FROM users")).isEqualTo("admin@example.com");
		assertThat(Sql.value(this.dataSource, "SELECT indisvalid::text FROM pg_index WHERE indexrelid ="
				+ " 'users_email_lower'::regclass")).isEqualTo("true");
		// The trigger created inside StatementBegin/End works.
		Sql.column(this.dataSource, "UPDATE users SET email = 'root@example.com' RETURNING updated_at");
		assertThat(cairn.status().migrations()).allSatisfy((info) -> assertThat(info.state()).isEqualTo(MigrationState.APPLIED));
		assertThat(cairn.validate().problems()).isEmpty();

		assertThat(cairn.rollback(5).undone()).hasSize(5);
		assertThat(Sql.tableExists(this.dataSource, "public.users")).isFalse();
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_proc WHERE proname = 'touch'")).isEqualTo("0");
		assertThat(history()).isEmpty();
		// Naming the layout reads the same migrations: applied again, nothing is drift.
		assertThat(cairn("goose", MigrationLayout.GOOSE).migrate().applied()).hasSize(5);
		assertThat(cairn.validate().problems()).isEmpty();
	}

	@Test
	void dbmateFilesApplyBySectionWithTransactionFalseAndRollBack() {
		Cairn cairn = cairn("dbmate", MigrationLayout.AUTO);
		assertThat(cairn.migrate().applied()).hasSize(4);
		assertThat(history()).containsExactly("20240101000001 SQL 20240101000001_create_users.sql",
				"20240101000002 SQL_NO_TRANSACTION 20240101000002_email_index.sql",
				"20240101000003 SQL 20240101000003_seed_no_down.sql",
				"20240101000004 SQL 20240101000004_empty_sections.sql");
		assertThat(cairn("dbmate", MigrationLayout.DBMATE).validate().problems()).isEmpty();
		// The seed has no down section: rolling back stops there, before anything is undone.
		assertThatThrownBy(() -> cairn.rollback(4)).isInstanceOf(CairnException.class)
			.hasMessageContaining("20240101000003_seed_no_down.sql");
		assertThat(history()).hasSize(4);
		assertThat(cairn.rollback(1).undone()).hasSize(1);
		assertThat(history()).hasSize(3);
	}

	@Test
	void prismaFoldersApplyAsTheyAre() {
		Cairn cairn = cairn("prisma", MigrationLayout.AUTO);
		assertThat(cairn.migrate().applied()).hasSize(4);
		// The enum change holds its own BEGIN ... COMMIT, as Prisma writes it: run statement by statement.
		assertThat(history()).containsExactly("20240101000000 SQL 20240101000000_init/migration.sql",
				"20240102000000 SQL 20240102000000_add_post/migration.sql",
				"20240103000000 SQL 20240103000000_empty/migration.sql",
				"20240104000000 SQL_NO_TRANSACTION 20240104000000_enum_value/migration.sql");
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_type WHERE typname = 'Role'")).isEqualTo("1");
		assertThat(Sql.tableExists(this.dataSource, "public.\"Post\"")).isTrue();
		assertThat(cairn("prisma", MigrationLayout.PRISMA).validate().problems()).isEmpty();
	}

	@Test
	void plainScriptsApplyInVersionOrder() {
		assertThat(cairn("plain-dated", MigrationLayout.AUTO).migrate().applied()).hasSize(4);
		assertThat(Sql.value(this.dataSource, "SELECT value FROM settings")).isEqualTo("3");
		assertThat(cairn("plain-semver", MigrationLayout.PLAIN).migrate().applied())
			.extracting((applied) -> applied.version().toString())
			.containsExactly("2.9", "2.13.6", "2.13.10"); // 2.9.0 is version 2.9
		assertThat(Sql.column(this.dataSource, "SELECT version FROM releases")).containsExactly("2.13.6", "2.13.10");
	}

	@Test
	void morphAndAtlasNoTransactionMarkersCountAsCairns() {
		Cairn cairn = cairn("golang-migrate", MigrationLayout.GOLANG_MIGRATE);
		cairn.migrate();
		assertThat(history()).containsExactly("1 SQL 000001_accounts.up.sql",
				"2 SQL_NO_TRANSACTION 000002_accounts_name.up.sql", "3 SQL 000003_placeholder.up.sql");
		assertThat(cairn.rollback(3).undone()).hasSize(3);
		assertThat(Sql.tableExists(this.dataSource, "public.accounts")).isFalse();
	}

	@Test
	void aFailingStatementInASectionIsReportedAtTheFilesLine() {
		this.migrations.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n")
			.write("00002_b.sql", """
					-- a comment
					-- +goose Up
					CREATE TABLE b (id int);
					INSERT INTO b VALUES ('not a number');

					-- +goose Down
					DROP TABLE b;
					""");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThatThrownBy(cairn::migrate).isInstanceOfSatisfying(MigrationFailedException.class, (ex) -> {
			assertThat(ex.line()).isEqualTo(4);
			assertThat(ex.getMessage()).contains("00002_b.sql (version 2) failed at line 4");
		});
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isFalse();
		this.migrations.write("00002_b.sql", "-- +goose Up\nCREATE TABLE b (id int);\n-- +goose Down\nDROP TABLE b;\n"
				+ "DROP TABLE nope;\n");
		cairn.migrate();
		assertThatThrownBy(() -> cairn.rollback(1)).isInstanceOfSatisfying(MigrationFailedException.class,
				(ex) -> assertThat(ex.line()).isEqualTo(5));
		assertThat(Sql.tableExists(this.dataSource, "public.b")).isTrue();
	}

	@Test
	void editingOnlyTheDownSectionIsNotDrift() {
		this.migrations.write("00001_a.sql", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		cairn.migrate();
		this.migrations.write("00001_a.sql",
				"-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE IF EXISTS a;\n");
		assertThat(cairn.validate().problems()).isEmpty();
		this.migrations.write("00001_a.sql",
				"-- +goose Up\nCREATE TABLE a (id bigint);\n-- +goose Down\nDROP TABLE IF EXISTS a;\n");
		assertThat(cairn.validate().problems()).extracting(Problem::kind).containsExactly(Problem.Kind.DRIFT);
	}

}
