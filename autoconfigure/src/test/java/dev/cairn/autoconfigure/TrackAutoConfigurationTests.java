package dev.cairn.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.TrackSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code cairn.*}, {@code cairn.tracks.<name>.*} and {@link CairnTrack} beans become one
 * {@link TrackSet}.
 */
class TrackAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
		.withBean(DataSource.class, () -> {
			SimpleDriverDataSource application = new SimpleDriverDataSource();
			application.setUrl("jdbc:postgresql://app.example.com:5432/app");
			application.setUsername("app");
			return application;
		});

	private static List<String> names(TrackSet tracks) {
		return tracks.names();
	}

	private static CairnConfiguration track(TrackSet tracks, String name) {
		return tracks.track(name).configuration();
	}

	@Test
	void theTopLevelSettingsAloneAreTheDefaultTrack() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Cairn.class);
			assertThat(names(context.getBean(TrackSet.class))).containsExactly("default");
			assertThat(track(context.getBean(TrackSet.class), "default").table()).isEqualTo("cairn_history");
		});
	}

	@Test
	void namedTracksAloneHaveNoDefaultTrackAndTablesNamedAfterThem() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.vector.locations=classpath:db/vector", "cairn.tracks.vector.after=core",
					"cairn.tracks.core.locations=classpath:db/core")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(Cairn.class);
				TrackSet tracks = context.getBean(TrackSet.class);
				assertThat(names(tracks)).containsExactly("core", "vector");
				CairnConfiguration vector = track(tracks, "vector");
				assertThat(vector.table()).isEqualTo("cairn_history_vector");
				assertThat(vector.golangMigrateTable()).isEqualTo("vector_schema_migrations");
				assertThat(vector.flywayTable()).isEqualTo("vector_flyway_schema_history");
				assertThat(vector.locations()).extracting(Object::toString).containsExactly("classpath:db/vector");
				assertThat(vector.trackSettings().after()).containsExactly("core");
			});
	}

	@Test
	void theDefaultTrackJoinsNamedTracksWhenAskedFor() {
		this.contextRunner
			.withPropertyValues("cairn.default-track-enabled=true", "cairn.tracks.audit.locations=classpath:db/audit",
					"cairn.tracks.audit.enabled=false")
			.run((context) -> {
				TrackSet tracks = context.getBean(TrackSet.class);
				assertThat(names(tracks)).containsExactly("default", "audit");
				assertThat(tracks.enabled()).extracting((cairn) -> cairn.configuration().track()).containsExactly("default");
			});
	}

	@Test
	void eachTrackHasItsOwnPoliciesAndLockTimeout() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.core.lock-timeout=30s", "cairn.tracks.core.validate-gaps=fail",
					"cairn.tracks.vector.recovery-policy=rollback-and-retry", "cairn.tracks.vector.schema=vectors")
			.run((context) -> {
				TrackSet tracks = context.getBean(TrackSet.class);
				assertThat(track(tracks, "core").lockTimeout()).hasSeconds(30);
				assertThat(track(tracks, "core").gapPolicy()).hasToString("FAIL");
				assertThat(track(tracks, "vector").recoveryPolicy()).hasToString("ROLLBACK_AND_RETRY");
				assertThat(track(tracks, "vector").qualifiedTable()).isEqualTo("\"vectors\".\"cairn_history_vector\"");
				assertThat(track(tracks, "vector").lockTimeout()).hasMinutes(5);
			});
	}

	@Test
	void aTrackWithItsOwnUserMigratesWithItsOwnConnection() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.core.locations=classpath:db/core",
					"cairn.tracks.vector.user=vector_owner", "cairn.tracks.vector.password=s3cret")
			.run((context) -> {
				TrackSet tracks = context.getBean(TrackSet.class);
				assertThat(track(tracks, "core").trackSettings().dataSource()).isNull();
				DataSource own = track(tracks, "vector").dataSource();
				assertThat(own).isInstanceOf(PGSimpleDataSource.class);
				assertThat(((PGSimpleDataSource) own).getUser()).isEqualTo("vector_owner");
				assertThat(((PGSimpleDataSource) own).getServerNames()).containsExactly("app.example.com");
			});
	}

	@Test
	void aLibrarysTrackIsAddedAndTheApplicationCanSwitchItOffOrOrderItByName() {
		this.contextRunner.withPropertyValues("cairn.tracks.core.locations=classpath:db/core")
			.withBean("enterpriseTrack", CairnTrack.class,
					() -> CairnTrack.of("enterprise", List.of("classpath:db/enterprise"), List.of()))
			.run((context) -> {
				TrackSet tracks = context.getBean(TrackSet.class);
				assertThat(names(tracks)).containsExactly("core", "enterprise");
				assertThat(track(tracks, "enterprise").table()).isEqualTo("cairn_history_enterprise");
			});
		this.contextRunner
			.withPropertyValues("cairn.tracks.zeta.locations=classpath:db/zeta",
					"cairn.tracks.enterprise.enabled=false", "cairn.tracks.zeta.after=enterprise")
			.withBean("enterpriseTrack", CairnTrack.class,
					() -> CairnTrack.of("enterprise", List.of("classpath:db/enterprise"), List.of()))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("track 'zeta' runs after 'enterprise', which is disabled"));
		this.contextRunner
			.withPropertyValues("cairn.tracks.zeta.locations=classpath:db/zeta", "cairn.tracks.enterprise.enabled=true",
					"cairn.tracks.enterprise.after=zeta")
			.withBean("enterpriseTrack", CairnTrack.class,
					() -> CairnTrack.of("enterprise", List.of("classpath:db/enterprise"), List.of()))
			.run((context) -> {
				TrackSet tracks = context.getBean(TrackSet.class);
				assertThat(names(tracks)).containsExactly("zeta", "enterprise");
				assertThat(track(tracks, "enterprise").locations()).extracting(Object::toString)
					.containsExactly("classpath:db/enterprise");
			});
	}

	@Test
	void twoTracksInOneHistoryTableStopTheStart() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.core.table=history", "cairn.tracks.vector.table=HISTORY")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("tracks 'core' and 'vector' share the history table public.HISTORY (the names"
						+ " differ only in case): give each track its own table"));
	}

	@Test
	void aBadValueOfATrackNamesItsProperty() {
		this.contextRunner
			.withPropertyValues("cairn.tracks.vector.lock-timeout=-5s", "cairn.tracks.vector.table=bad name",
					"cairn.tracks.vector.after=no good")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.vector.lock-timeout PT-5S is negative")
				.hasStackTraceContaining("cairn.tracks.vector.table 'bad name' is not a plain PostgreSQL identifier")
				.hasStackTraceContaining("cairn.tracks.vector.after: 'no good' is not a valid track name"));
		this.contextRunner.withPropertyValues("cairn.tracks[bad name].locations=classpath:db/x")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.tracks.bad name: 'bad name' is not a valid track name"));
	}

	@Test
	void commandTracksNeedACommand() {
		this.contextRunner.withPropertyValues("cairn.command-tracks=core")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("cairn.command-tracks is set but cairn.command is not"));
	}

}
