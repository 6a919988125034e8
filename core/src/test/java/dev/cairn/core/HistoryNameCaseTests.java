package dev.cairn.core;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.test.SchemaSnapshot;
import dev.cairn.test.SchemaSnapshot.Scope;
import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A configured history table whose schema or name differs only in case from the one that
 * holds the database's history ({@code cairn.schema=Public} against {@code public}) stops
 * migrate, status and validate before anything runs, instead of starting a second, empty
 * history and applying every migration again.
 */
class HistoryNameCaseTests extends MigrationTest {

	private static final List<Function<Cairn, Object>> OPERATIONS = List.of(Cairn::migrate, Cairn::status,
			Cairn::validate);

	@BeforeEach
	void setUp() {
		this.migrations.write("000001_create.up.sql", "CREATE TABLE seed (id int);")
			.write("000002_seed.up.sql", "INSERT INTO seed VALUES (1), (2);");
	}

	/** Migrates with {@code existing}, then runs every operation with {@code configured}: each is refused. */
	private void refusedEverywhere(CairnConfiguration.Builder existing, CairnConfiguration.Builder configured,
			String configuredName, String existingName) {
		new Cairn(existing.build()).migrate();
		SchemaSnapshot before = SchemaSnapshot.of(this.dataSource, Scope.database().withRows());
		for (Function<Cairn, Object> operation : OPERATIONS) {
			Throwable failure = catchThrowable(() -> operation.apply(new Cairn(configured.build())));
			assertThat(failure).isInstanceOf(CairnConfigurationException.class);
			assertThat(failure.getMessage()).contains("History table " + configuredName + " does not exist, but "
					+ existingName + " does: the names differ only in case", "cairn.schema, cairn.table",
					"Nothing was changed");
		}
		assertThat(SchemaSnapshot.of(this.dataSource, Scope.database().withRows())).isEqualTo(before);
	}

	private CairnConfiguration.Builder configure() {
		return this.migrations.configure(this.dataSource);
	}

	@Test
	void schemaThatDiffersOnlyInCase() {
		refusedEverywhere(configure(), configure().schema("Public"), "\"Public\".\"cairn_history\"",
				"\"public\".\"cairn_history\"");
		assertThat(Sql.column(this.dataSource, "SELECT count(*) FROM seed")).containsExactly("2");
	}

	@Test
	void tableThatDiffersOnlyInCase() {
		refusedEverywhere(configure(), configure().table("Cairn_History"), "\"public\".\"Cairn_History\"",
				"\"public\".\"cairn_history\"");
	}

	@Test
	void schemaAndTableThatDifferOnlyInCase() {
		refusedEverywhere(configure(), configure().schema("PUBLIC").table("CAIRN_HISTORY"),
				"\"PUBLIC\".\"CAIRN_HISTORY\"", "\"public\".\"cairn_history\"");
	}

	@Test
	void aQuotedMixedCaseSchemaConfiguredInLowerCase() {
		refusedEverywhere(configure().schema("Tenant"), configure().schema("tenant"), "\"tenant\".\"cairn_history\"",
				"\"Tenant\".\"cairn_history\"");
	}

	@Test
	void exactNamesStillWorkAndADifferentTableNameIsANewTrack() {
		new Cairn(configure().schema("Tenant").build()).migrate();
		assertThat(new Cairn(configure().schema("Tenant").build()).status().isUpToDate()).isTrue();
		// Not a case variant: another history on purpose (seed is there already, so only the table is asked about).
		assertThat(new Cairn(configure().schema("Tenant").table("other_history").build()).status().pendingCount())
			.isEqualTo(2);
	}

}
