package dev.cairn.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CairnConfigurationTests {

	private final CairnConfiguration.Builder builder = CairnConfiguration.builder().dataSource(new PGSimpleDataSource());

	@Test
	void defaults() {
		CairnConfiguration configuration = this.builder.build();
		assertThat(configuration.locations()).extracting(Object::toString).containsExactly("classpath:db/migrations");
		assertThat(configuration.qualifiedTable()).isEqualTo("\"public\".\"cairn_history\"");
		assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(configuration.gapPolicy()).isEqualTo(ValidationPolicy.WARN);
		assertThat(configuration.driftPolicy()).isEqualTo(ValidationPolicy.FAIL);
		assertThat(configuration.unknownPolicy()).isEqualTo(ValidationPolicy.FAIL);
		assertThat(configuration.futurePolicy()).isEqualTo(ValidationPolicy.WARN);
		assertThat(configuration.track()).isEqualTo("default");
	}

	@Test
	void namesThatAreNotIdentifiersAreRejectedNeverUsedAsSql() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.builder.table("x; drop table y").schema("a\"b").build())
			.withMessageContaining("table 'x; drop table y' is not a plain PostgreSQL identifier")
			.withMessageContaining("schema 'a\"b'");
	}

	@Test
	void tooLongIdentifierIsRejected() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.builder.table("t".repeat(64)).build())
			.withMessageContaining("at most 63");
	}

	@Test
	void negativeAndAbsurdLockTimeoutsAreRejected() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.builder.lockTimeout(Duration.ofSeconds(-1)).build())
			.withMessageContaining("lockTimeout PT-1S is negative");
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.builder.lockTimeout(Duration.ofDays(30)).build())
			.withMessageContaining("longer than PT24H");
	}

	@Test
	void everyMistakeIsReportedAtOnce() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> CairnConfiguration.builder().table("1x").locations("ftp:x").build())
			.withMessageContaining("dataSource is not set")
			.withMessageContaining("table '1x'")
			.withMessageContaining("unknown prefix 'ftp:'");
	}

	@Test
	void locationsAcceptBothPrefixesAndBareClasspathPaths() {
		CairnConfiguration configuration = this.builder.locations("db/one", "classpath:/db/two/", "filesystem:/srv/m")
			.build();
		assertThat(configuration.locations()).extracting(Object::toString)
			.containsExactly("classpath:db/one", "classpath:db/two", "filesystem:/srv/m");
	}

	@Test
	void classpathRootAndWildcardsAreRejected() {
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.builder.locations("classpath:/").build())
			.withMessageContaining("classpath root");
		assertThatExceptionOfType(CairnConfigurationException.class)
			.isThrownBy(() -> this.builder.locations("db/**").build())
			.withMessageContaining("wildcard");
	}

	@Test
	void tablesNamedAfterATrackGiveEachTrackItsOwnHistoryAndLegacyTablesUnlessSetLater() {
		CairnConfiguration configuration = this.builder.track("search.v2").tablesNamedAfter("search.v2")
			.flywayTable("legacy_flyway")
			.build();
		assertThat(configuration.table()).isEqualTo("cairn_history_search_v2");
		assertThat(configuration.golangMigrateTable()).isEqualTo("search_v2_schema_migrations");
		assertThat(configuration.flywayTable()).isEqualTo("legacy_flyway");
		assertThat(configuration.gooseTable()).isEqualTo("search_v2_goose_db_version");
		assertThat(configuration.gormigrateTable()).isEqualTo("search_v2_migrations");
		assertThat(configuration.prismaTable()).isEqualTo("search_v2__prisma_migrations");
	}

}
