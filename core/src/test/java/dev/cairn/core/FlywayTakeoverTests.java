package dev.cairn.core;


import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.core.internal.scan.Checksums;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Taking over a {@code flyway_schema_history} that holds every kind of row Flyway writes:
 * baseline, versioned, undo, delete, repeatable and failed rows, and rows whose file is gone.
 */
class FlywayTakeoverTests extends MigrationTest {

	private static final String FLYWAY_TABLE = """
			CREATE TABLE flyway_schema_history (
				installed_rank integer PRIMARY KEY,
				version varchar(50),
				description varchar(200) NOT NULL,
				type varchar(20) NOT NULL,
				script varchar(1000) NOT NULL,
				checksum integer,
				installed_by varchar(100) NOT NULL,
				installed_on timestamp NOT NULL DEFAULT now(),
				execution_time integer NOT NULL,
				success boolean NOT NULL)""";

	@BeforeEach
	void setUp() {
		this.migrations.write("V1__base.sql", "CREATE TABLE base (id int);")
			.write("V2__orders.sql", "CREATE TABLE orders (id int);")
			.write("V3__lines.sql", "CREATE TABLE lines (id int);")
			.write("U3__lines.sql", "DROP TABLE lines;")
			.write("V6__customers.sql", "CREATE TABLE customers (id int);")
			.write("V7__invoices.sql", "CREATE TABLE invoices (id int);");
		// What Flyway did: baselined at 1, applied 2 and 3, undid 3, ran a repeatable, applied 4 (whose file
		// is gone since), applied 5 and marked it deleted with repair after its file went, applied 6.
		TestDatabase.execute(this.dataSource, FLYWAY_TABLE, "CREATE TABLE base (id int)", "CREATE TABLE orders (id int)",
				"CREATE TABLE customers (id int)", """
						INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
							installed_by, execution_time, success) VALUES
						(1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'flyway', 0, true),
						(2, '2', 'orders', 'SQL', 'V2__orders.sql', 11, 'flyway', 5, true),
						(3, '3', 'lines', 'SQL', 'V3__lines.sql', 12, 'flyway', 5, true),
						(4, '3', 'lines', 'UNDO_SQL', 'U3__lines.sql', 13, 'flyway', 5, true),
						(5, NULL, 'views', 'SQL', 'R__views.sql', 14, 'flyway', 5, true),
						(6, '4', 'gone', 'SQL', 'V4__gone.sql', 15, 'flyway', 5, true),
						(7, '5', 'deleted', 'SQL', 'V5__deleted.sql', 16, 'flyway', 5, true),
						(8, '5', 'deleted', 'DELETE', 'V5__deleted.sql', NULL, 'flyway', 0, true),
						(9, '6', 'customers', 'SQL', 'V6__customers.sql', 17, 'flyway', 5, true)""");
	}

	private byte[] readBytes(String file) {
		try {
			return java.nio.file.Files.readAllBytes(this.folder.resolve(file));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void takesOverBaselineVersionedUndoDeleteAndRepeatableRowsAndReportsTheGoneFileAsMissing() {
		// Version 4 is applied, not on disk and below the highest file: the default policy refuses the run
		// as planned with the takeover, before anything is written.
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThatThrownBy(cairn::migrate).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("V4__gone.sql: version 4 was applied")
			.hasMessageContaining("but no file has that version any more");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		// Status, validate and the dry run plan with the takeover as migrate does.
		StatusReport status = cairn.status();
		assertThat(status.migrations()).extracting((info) -> info.version() + " " + info.state() + " " + info.type())
			.containsExactly("1 APPLIED BASELINE", "2 APPLIED IMPORTED", "3 PENDING SQL", "4 MISSING IMPORTED",
					"6 APPLIED IMPORTED", "7 PENDING SQL");
		assertThat(cairn.validate().problems()).extracting(Problem::message)
			.anyMatch((message) -> message.contains("V4__gone.sql: version 4 was applied"));
		assertThatThrownBy(cairn::dryRun).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("V4__gone.sql: version 4 was applied");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();

		// Accepting the gone file, the takeover is recorded and the run applies the undone version 3 (a gap
		// now) and the new 7.
		MigrateResult result = new Cairn(this.migrations.configure(this.dataSource)
			.unknownPolicy(ValidationPolicy.WARN)
			.build()).migrate();
		assertThat(result.applied()).extracting((applied) -> applied.version().toString()).containsExactly("3", "7");
		assertThat(Sql.column(this.dataSource, "SELECT version || ' ' || type || ' ' || script || ' '"
				+ " || coalesce(checksum, '-') || ' ' || state || ' ' || applied_by FROM cairn_history"
				+ " WHERE version NOT IN ('3', '7') ORDER BY applied_order"))
			.containsExactly("1 BASELINE V1__base.sql " + Checksums.of(readBytes("V1__base.sql"))
					+ " applied Flyway baseline takeover",
					"2 IMPORTED V2__orders.sql " + Checksums.of(readBytes("V2__orders.sql")) + " applied Flyway takeover",
					"4 IMPORTED V4__gone.sql - applied Flyway takeover",
					"6 IMPORTED V6__customers.sql " + Checksums.of(readBytes("V6__customers.sql"))
							+ " applied Flyway takeover");
		// Flyway applied the baseline first: undoing retraces that, the baseline last (7 and 3 were applied now).
		assertThat(cairn.status().rollbackOrder()).extracting((info) -> info.version().toString())
			.containsExactly("7", "3", "6", "4", "2", "1");
		// Flyway's table is only read.
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM flyway_schema_history")).isEqualTo("9");
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied", "4:applied", "6:applied",
				"3:applied", "7:applied");
		assertThat(Sql.tableExists(this.dataSource, "public.lines")).isTrue();
		assertThat(Sql.tableExists(this.dataSource, "public.invoices")).isTrue();
	}

	@Test
	void aFailedFlywayRowStopsTheTakeoverNamingItAndChangesNothing() {
		TestDatabase.execute(this.dataSource, "INSERT INTO flyway_schema_history (installed_rank, version, description,"
				+ " type, script, checksum, installed_by, execution_time, success)"
				+ " VALUES (10, '7', 'invoices', 'SQL', 'V7__invoices.sql', 18, 'flyway', 5, false)");
		Cairn cairn = this.migrations.cairn(this.dataSource);
		assertThatThrownBy(cairn::migrate).isInstanceOf(CairnValidationException.class)
			.hasMessageContaining("records a failed migration (V7__invoices.sql, version 7)")
			.hasMessageContaining("Nothing was changed");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
		assertThat(Sql.tableExists(this.dataSource, "public.invoices")).isFalse();
		// Status and validate report the refused takeover as migrate does, with nothing applied yet.
		StatusReport status = cairn.status();
		assertThat(status.problems()).extracting(Problem::message)
			.anyMatch((message) -> message.contains("records a failed migration (V7__invoices.sql, version 7)"));
		assertThat(status.migrations()).extracting((info) -> info.version() + " " + info.state())
			.containsExactly("1 PENDING", "2 PENDING", "3 PENDING", "6 PENDING", "7 PENDING");
		assertThat(cairn.validate().isValid()).isFalse();
	}

	@Test
	void aFailedRepeatableRowStopsTheTakeoverToo() {
		TestDatabase.execute(this.dataSource, "INSERT INTO flyway_schema_history (installed_rank, version, description,"
				+ " type, script, checksum, installed_by, execution_time, success)"
				+ " VALUES (10, NULL, 'views', 'SQL', 'R__views.sql', 19, 'flyway', 5, false)");
		assertThatThrownBy(this.migrations.cairn(this.dataSource)::migrate).isInstanceOf(CairnException.class)
			.hasMessageContaining("records a failed migration (R__views.sql");
		assertThat(Sql.tableExists(this.dataSource, "public.cairn_history")).isFalse();
	}

}
