package dev.cairn.core.catalogue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.Operation;
import dev.cairn.core.TrackSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sets of tracks that cannot work together: refused when the set is made, before any track
 * touches the database.
 */
abstract class TrackSetCases extends CatalogueCases {

	static final String AT_SET = "refused when the set of tracks is made";

	private CairnConfiguration track(String name, String table) {
		return configure().track(name)
			.table(table)
			.golangMigrateTable(name + "_schema_migrations")
			.flywayTable(name + "_flyway_schema_history")
			.build();
	}

	@Test
	void twoTracksInHistoryTablesThatDifferOnlyInCaseAreRefused() {
		CairnException ex = refused("tracks-01", "tracks `core` and `vector` with tables `history` and `History`",
				AT_SET, () -> TrackSet.of(List.of(track("core", "history"), track("vector", "History"))));
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains("tracks 'core' and 'vector' share the history table public.History",
				"differ only in case", "give each track its own table");
	}

	@Test
	void twoTracksTakingOverOneLegacyTableAreRefused() {
		CairnException ex = refused("tracks-02", "tracks `core` and `vector` both taking over `schema_migrations`",
				AT_SET, () -> TrackSet.of(List.of(configure().track("core").table("core_history").build(),
						configure().track("vector").table("vector_history").flywayTable("vector_flyway").build())));
		assertThat(ex.getMessage()).contains("tracks 'core' and 'vector' would both take over public.schema_migrations",
				"golangMigrateTable", "turn takeover off for one");
	}

	@Test
	void afterNamingNoTrackIsRefused() {
		CairnException ex = refused("tracks-03", "track `vector` after `cor` (a typo)", AT_SET,
				() -> TrackSet.of(List.of(track("core", "core_history"),
						track("vector", "vector_history").toBuilder().after("cor").build())));
		assertThat(ex.getMessage()).contains("track 'vector' runs after 'cor', which is no track",
				"the tracks are [core, vector]");
	}

	@Test
	void afterNamingADisabledTrackIsRefused() {
		CairnException ex = refused("tracks-04", "track `vector` after `core`, which is disabled", AT_SET,
				() -> TrackSet.of(List.of(track("core", "core_history").toBuilder().enabled(false).build(),
						track("vector", "vector_history").toBuilder().after("core").build())));
		assertThat(ex.getMessage()).contains("track 'vector' runs after 'core', which is disabled",
				"enable 'core', disable 'vector' too");
	}

	@Test
	void tracksAfterEachOtherInACycleAreRefused() {
		CairnException ex = refused("tracks-05", "tracks `core` after `vector` and `vector` after `core`", AT_SET,
				() -> TrackSet.of(List.of(track("core", "core_history").toBuilder().after("vector").build(),
						track("vector", "vector_history").toBuilder().after("core").build())));
		assertThat(ex.getMessage()).contains("run after each other in a cycle (core after vector, vector after core)");
	}

	@Test
	void tracksWhoseNamesDifferOnlyInCaseAreRefused() {
		CairnException ex = refused("tracks-06", "tracks `core` and `Core`", AT_SET,
				() -> TrackSet.of(List.of(track("core", "core_history"), track("Core", "other_history"))));
		assertThat(ex.getMessage()).contains("tracks 'core' and 'Core' differ only in case");
	}

	@Test
	void anOperationAskedForADisabledTrackIsRefused() {
		TrackSet set = TrackSet.of(List.of(track("core", "core_history"),
				track("vector", "vector_history").toBuilder().enabled(false).build()));
		CairnException ex = refused("tracks-07", "migrate asked for track `vector`, which is disabled", REFUSED,
				() -> set.run(Operation.MIGRATE, List.of("vector"), Cairn::migrate));
		assertThat(ex.getMessage()).isEqualTo(
				"Track 'vector' is disabled: enable it (enabled=true) to run an operation on it");
	}

}
