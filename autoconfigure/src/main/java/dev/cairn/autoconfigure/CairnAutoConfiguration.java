package dev.cairn.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.FleetShard;
import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationScope;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.TrackSet;

/**
 * Auto-configuration of the Cairn engine: a {@link TrackSet} of the default track from
 * {@code cairn.*}, the tracks of {@code cairn.tracks.*} and those libraries contribute, migrated on
 * start-up by an {@code ApplicationRunner} ({@code cairn.run-on=runner}, the default) or during
 * context refresh ({@code cairn.run-on=initialization}); with {@code cairn.mode=validate} the
 * same beans wait for another instance to migrate instead. Nothing runs on start-up when
 * {@code cairn.command} is set: the command does.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@Conditional(CairnAutoConfiguration.CairnDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "cairn.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CairnProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class CairnAutoConfiguration {

	// Static: it must run before any bean is created, so that Flyway cannot migrate first.
	@Bean
	static MigrationToolConflictCheck cairnMigrationToolConflictCheck() {
		return new MigrationToolConflictCheck();
	}

	@Bean
	@ConditionalOnMissingBean
	CairnRunTracker cairnRunTracker() {
		return new CairnRunTracker();
	}

	@Bean
	TrackConfigurations cairnTrackConfigurations(CairnProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<DataSource> dataSources, @CairnDataSource ObjectProvider<DataSource> cairnDataSource,
			ObjectProvider<MigrationListener> listeners, ObjectProvider<JavaMigration> javaMigrations,
			ListableBeanFactory beans) {
		DataSource application = dataSources.getIfUnique();
		DataSource migrationDataSource = migrationDataSource(properties, cairnDataSource.getIfAvailable(), dataSources);
		// Spring's transactions join a Java migration's only when Cairn migrates through the application's DataSource.
		JavaMigrationScope scope = (migrationDataSource == application) ? new SpringTransactionScope(migrationDataSource)
				: JavaMigrationScope.NONE;
		return new TrackConfigurations(properties, migrationDataSource, resourceLoader.getClassLoader(),
				listeners.orderedStream().toList(), (track) -> ownDataSource(track, application),
				javaMigrations.orderedStream().toList(), scope,
				(track, url) -> tenantDataSource(track, url, application), beans);
	}

	/**
	 * The default track, from the top-level {@code cairn.*} settings; absent when only
	 * {@code cairn.tracks.*} define tracks, unless {@code cairn.default-track-enabled} asks for it.
	 */
	@Bean
	@ConditionalOnMissingBean
	@Conditional(DefaultTrackCondition.class)
	Cairn cairn(TrackConfigurations tracks, ObjectProvider<CairnConfigurationCustomizer> customizers) {
		return new Cairn(tracks.defaultTrack(customizers.orderedStream().toList()).build());
	}

	/**
	 * Every track in run order: the default track (or the application's own {@code Cairn}
	 * beans), {@code cairn.tracks.*} and the tracks libraries contribute as {@link CairnTrack}
	 * beans.
	 */
	@Bean
	@ConditionalOnMissingBean
	TrackSet cairnTrackSet(TrackConfigurations tracks, ObjectProvider<Cairn> cairns,
			ObjectProvider<CairnTrack> contributed) {
		return tracks.trackSet(cairns.orderedStream().toList(), contributed.orderedStream().toList());
	}

	/**
	 * The tenant fleets of {@code cairn.tracks.<name>.tenants.*}; the shard settings apply in
	 * command mode only, where {@code JOB_COMPLETION_INDEX} (from the environment) is the
	 * default shard index.
	 */
	@Bean
	@ConditionalOnMissingBean
	TenantFleets cairnTenantFleets(TrackConfigurations tracks, Environment environment) {
		String index = environment.getProperty(FleetShard.JOB_COMPLETION_INDEX);
		Map<String, String> variables = (index != null) ? Map.of(FleetShard.JOB_COMPLETION_INDEX, index) : Map.of();
		return tracks.fleets(variables, StringUtils.hasText(environment.getProperty("cairn.command")));
	}

	private static DataSource migrationDataSource(CairnProperties properties, @Nullable DataSource cairnDataSource,
			ObjectProvider<DataSource> dataSources) {
		if (cairnDataSource != null) {
			if (properties.hasOwnConnection()) {
				throw new CairnConfigurationException("Both a @CairnDataSource bean and cairn.url or cairn.user are"
						+ " set, so it is unclear which connection should migrate: remove the cairn.url/cairn.user"
						+ " properties or the @CairnDataSource qualifier.");
			}
			return cairnDataSource;
		}
		DataSource dataSource = dataSources.getIfUnique();
		if (properties.hasOwnConnection()) {
			return ownDataSource(properties, dataSource);
		}
		if (dataSource == null) {
			throw new CairnConfigurationException("Cairn found " + dataSources.stream().count() + " DataSource beans"
					+ " and none of them is @Primary, so it cannot tell which database to migrate: mark the"
					+ " application's DataSource @Primary, mark the one to migrate @CairnDataSource, or set cairn.url.");
		}
		return dataSource;
	}

	// Not pooled: a run holds one connection from start to end.
	private static DataSource ownDataSource(TrackProperties properties, @Nullable DataSource dataSource) {
		String url = properties.getUrl();
		DataSourceBuilder<?> builder;
		if (url != null && !url.isBlank()) {
			builder = DataSourceBuilder.create().url(url);
		}
		else if (dataSource != null) {
			builder = DataSourceBuilder.derivedFrom(dataSource);
		}
		else {
			String prefix = (properties instanceof CairnProperties) ? "cairn." : "the track's ";
			throw new CairnConfigurationException(prefix + "user is set but " + prefix + "url is not and the application"
					+ " has no single DataSource to take the URL from: set " + prefix + "url.");
		}
		return loggedIn(builder.type(SimpleDriverDataSource.class).build(), properties);
	}

	/**
	 * A tenant's database of a fleet of databases: its URL from the template, and the track's
	 * user and password, else the application's. Not pooled, as {@link #ownDataSource}.
	 */
	private static DataSource tenantDataSource(TrackProperties track, String url, @Nullable DataSource application) {
		DataSourceBuilder<?> builder = (application != null) ? DataSourceBuilder.derivedFrom(application).url(url)
				: DataSourceBuilder.create().url(url);
		return loggedIn(builder.type(SimpleDriverDataSource.class).build(), track);
	}

	private static DataSource loggedIn(SimpleDriverDataSource own, TrackProperties properties) {
		if (properties.getUser() != null && !properties.getUser().isBlank()) {
			// Another user never inherits the application's password.
			own.setUsername(properties.getUser());
			own.setPassword(properties.getPassword());
		}
		else if (properties.getPassword() != null) {
			own.setPassword(properties.getPassword());
		}
		return boundable(own);
	}

	/**
	 * pgjdbc's own DataSource for a PostgreSQL URL: the engine can then give the driver its
	 * connect timeout as well, so even the driver stops waiting for a server that accepts and
	 * never answers (the engine bounds any DataSource's getConnection() on its own).
	 */
	private static DataSource boundable(SimpleDriverDataSource own) {
		String url = own.getUrl();
		// A URL pgjdbc cannot parse stays with the plain DataSource, which fails at connect with the usual message.
		if (url == null || !url.startsWith("jdbc:postgresql:") || Driver.parseURL(url, null) == null) {
			return own;
		}
		PGSimpleDataSource pg = new PGSimpleDataSource();
		pg.setUrl(url);
		if (own.getUsername() != null) {
			pg.setUser(own.getUsername());
		}
		if (own.getPassword() != null) {
			pg.setPassword(own.getPassword());
		}
		return pg;
	}

	@Bean
	ReadinessGate cairnReadinessGate(CairnRunTracker tracker, ApplicationEventPublisher publisher,
			ObjectProvider<ApplicationAvailability> availability) {
		return new ReadinessGate(tracker, publisher, availability);
	}

	private static Migrations migrations(TrackSet tracks, TenantFleets fleets, CairnProperties properties,
			CairnRunTracker tracker) {
		return new Migrations(tracks, fleets, properties.getMode(), properties.isFailOnError(),
				properties.getValidateInterval(), tracker);
	}

	// cairn.command runs one operation instead (CairnCommandAutoConfiguration): nothing migrates on start-up.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "cairn.run-on", havingValue = "runner", matchIfMissing = true)
	@Conditional(NoCommandCondition.class)
	static class RunnerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CairnMigrationRunner cairnMigrationRunner(TrackSet tracks, TenantFleets fleets, CairnProperties properties,
				CairnRunTracker tracker, ApplicationEventPublisher publisher) {
			return new CairnMigrationRunner(migrations(tracks, fleets, properties, tracker), publisher);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "cairn.run-on", havingValue = "initialization")
	@Conditional(NoCommandCondition.class)
	static class InitializationConfiguration {

		// With spring.main.lazy-initialization nothing would create the initializer unless a database user did.
		@Bean
		static LazyInitializationExcludeFilter cairnMigrationInitializerEagerly() {
			return LazyInitializationExcludeFilter.forBeanTypes(CairnMigrationInitializer.class);
		}

		@Bean
		@ConditionalOnMissingBean
		CairnMigrationInitializer cairnMigrationInitializer(TrackSet tracks, TenantFleets fleets,
				CairnProperties properties, CairnRunTracker tracker) {
			return new CairnMigrationInitializer(migrations(tracks, fleets, properties, tracker));
		}

	}

	/**
	 * Matches unless {@code cairn.command} is set.
	 */
	static final class NoCommandCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String command = context.getEnvironment().getProperty("cairn.command");
			return StringUtils.hasText(command)
					? ConditionOutcome.noMatch("cairn.command=" + command + " runs instead of the start-up migration")
					: ConditionOutcome.match("cairn.command is not set");
		}

	}

	/**
	 * Matches when the top-level settings form a track: {@code cairn.default-track-enabled}
	 * if set, else when no {@code cairn.tracks.*} property is.
	 */
	static final class DefaultTrackCondition extends SpringBootCondition {

		private static final ConfigurationPropertyName TRACKS = ConfigurationPropertyName.of("cairn.tracks");

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Boolean asked = context.getEnvironment().getProperty("cairn.default-track-enabled", Boolean.class);
			if (asked != null) {
				return new ConditionOutcome(asked, "cairn.default-track-enabled=" + asked);
			}
			for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
				if (source.containsDescendantOf(TRACKS) == ConfigurationPropertyState.PRESENT) {
					return ConditionOutcome.noMatch("cairn.tracks.* define the tracks");
				}
			}
			return ConditionOutcome.match("no cairn.tracks.* are set");
		}

	}

	/**
	 * Matches when there is a DataSource to migrate, or a URL to build one from.
	 */
	static final class CairnDataSourceCondition extends AnyNestedCondition {

		CairnDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnProperty("cairn.url")
		private static final class CairnUrlCondition {

		}

	}

}
