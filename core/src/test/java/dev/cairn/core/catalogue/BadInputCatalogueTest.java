package dev.cairn.core.catalogue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The bad-input catalogue of issue 7: every case feeds the engine one broken file, folder,
 * setting or history table, and checks that the message says what, where and what to do, and
 * that the database (schema, data and history) is exactly as before. The cases of each family
 * live in their own class; this class runs them all and then checks the catalogue page
 * {@code src/docs/bad-inputs.md} against what they recorded.
 */
class BadInputCatalogueTest {

	@AfterAll
	static void catalogueMatchesTheDocumentedTable() {
		Catalogue.check();
	}

	@Nested
	@DisplayName("file names and layouts")
	class FileNames extends FileNameCases {

	}

	@Nested
	@DisplayName("file contents")
	class FileContents extends FileContentCases {

	}

	@Nested
	@DisplayName("locations")
	class Locations extends LocationCases {

	}

	@Nested
	@DisplayName("configuration")
	class Configuration extends ConfigurationCases {

	}

	@Nested
	@DisplayName("history table")
	class History extends HistoryCases {

	}

	@Nested
	@DisplayName("planning agreement")
	class Agreement extends AgreementCases {

	}

	@Nested
	@DisplayName("connections, locks and timeouts")
	class Connections extends ConnectionCases {

	}

	@Nested
	@DisplayName("lock, session and history writes")
	class Session extends SessionCases {

	}

	@Nested
	@DisplayName("security")
	class Security extends SecurityCases {

	}

	@Nested
	@DisplayName("naming the next migration")
	class NewMigrations extends NewMigrationCases {

	}

	@Nested
	@DisplayName("repeatable migrations")
	class Repeatables extends RepeatableCases {

	}

	@Nested
	@DisplayName("sets of tracks")
	class Tracks extends TrackSetCases {

	}

	@Nested
	@DisplayName("placeholders")
	class PlaceholderInputs extends PlaceholderCases {

	}

	@Nested
	@DisplayName("safe DDL")
	class SafeDdl extends SafeDdlCases {

	}

	@Nested
	@DisplayName("other tools' layouts and histories")
	class Adoption extends AdoptionCases {

	}

	@Nested
	@DisplayName("migration index in a jar")
	class Index extends IndexCases {

	}

	@Nested
	@DisplayName("Java migrations")
	class Java extends JavaCases {

	}

	@Nested
	@DisplayName("initial-schema snapshots")
	class Snapshots extends SnapshotCases {

	}

	@Nested
	@DisplayName("tenant fleets")
	class Fleets extends FleetCases {

	}

}
