package dev.cairn.autoconfigure;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

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
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Version;

/**
 * Auto-configuration of the Cairn engine: one track from {@code cairn.*}, migrated on
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
	@ConditionalOnMissingBean
	Cairn cairn(CairnProperties properties, ResourceLoader resourceLoader, ObjectProvider<DataSource> dataSources,
			@CairnDataSource ObjectProvider<DataSource> cairnDataSource, ObjectProvider<MigrationListener> listeners,
			ObjectProvider<CairnConfigurationCustomizer> customizers) {
		CairnConfiguration.Builder builder = CairnConfiguration.builder()
			.dataSource(migrationDataSource(properties, cairnDataSource.getIfAvailable(), dataSources))
			.classLoader(resourceLoader.getClassLoader())
			.listeners(listeners.orderedStream().toList());
		// Lambdas rather than method references: the builder's overloads stay free to grow.
		PropertyMapper map = PropertyMapper.get();
		map.from(properties.getTrack()).to((track) -> builder.track(track));
		map.from(properties.getLocations()).to((locations) -> builder.locations(locations));
		map.from(properties.getSchema()).to((schema) -> builder.schema(schema));
		map.from(properties.getTable()).to((table) -> builder.table(table));
		map.from(properties.isCreateSchema()).to((createSchema) -> builder.createSchema(createSchema));
		map.from(properties.getLockTimeout()).to((timeout) -> builder.lockTimeout(timeout));
		map.from(properties.getConnectTimeout()).to((timeout) -> builder.connectTimeout(timeout));
		map.from(properties.getValidateGaps()).to((policy) -> builder.gapPolicy(policy));
		map.from(properties.getValidateDrift()).to((policy) -> builder.driftPolicy(policy));
		map.from(properties.getValidateUnknown()).to((policy) -> builder.unknownPolicy(policy));
		map.from(properties.getValidateFuture()).to((policy) -> builder.futurePolicy(policy));
		map.from(properties.getInstalledBy()).to((installedBy) -> builder.installedBy(installedBy));
		map.from(properties.getRecoveryPolicy()).to((policy) -> builder.recoveryPolicy(policy));
		map.from(properties.isBaselineOnMigrate()).to((baseline) -> builder.baselineOnMigrate(baseline));
		map.from(properties.getBaselineVersion())
			.whenHasText()
			.as((version) -> Version.parse(version.strip()))
			.to((version) -> builder.baselineVersion(version));
		map.from(properties.isTakeover()).to((takeover) -> builder.takeover(takeover));
		map.from(properties.getGolangMigrateTable()).to((table) -> builder.golangMigrateTable(table));
		map.from(properties.getFlywayTable()).to((table) -> builder.flywayTable(table));
		map.from(properties.getPlaceholders()).to((placeholders) -> builder.placeholders(placeholders));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new Cairn(builder.build());
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
	private static DataSource ownDataSource(CairnProperties properties, @Nullable DataSource dataSource) {
		String url = properties.getUrl();
		DataSourceBuilder<?> builder;
		if (url != null && !url.isBlank()) {
			builder = DataSourceBuilder.create().url(url);
		}
		else if (dataSource != null) {
			builder = DataSourceBuilder.derivedFrom(dataSource);
		}
		else {
			throw new CairnConfigurationException("cairn.user is set but cairn.url is not and the application has no"
					+ " single DataSource to take the URL from: set cairn.url.");
		}
		SimpleDriverDataSource own = builder.type(SimpleDriverDataSource.class).build();
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

	private static Migrations migrations(ObjectProvider<Cairn> cairns, CairnProperties properties,
			CairnRunTracker tracker) {
		return new Migrations(cairns.orderedStream().toList(), properties.getMode(), properties.isFailOnError(),
				properties.getValidateInterval(), tracker);
	}

	// cairn.command runs one operation instead (CairnCommandAutoConfiguration): nothing migrates on start-up.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "cairn.run-on", havingValue = "runner", matchIfMissing = true)
	@Conditional(NoCommandCondition.class)
	static class RunnerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CairnMigrationRunner cairnMigrationRunner(ObjectProvider<Cairn> cairns, CairnProperties properties,
				CairnRunTracker tracker, ApplicationEventPublisher publisher) {
			return new CairnMigrationRunner(migrations(cairns, properties, tracker), publisher);
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
		CairnMigrationInitializer cairnMigrationInitializer(ObjectProvider<Cairn> cairns, CairnProperties properties,
				CairnRunTracker tracker) {
			return new CairnMigrationInitializer(migrations(cairns, properties, tracker));
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
