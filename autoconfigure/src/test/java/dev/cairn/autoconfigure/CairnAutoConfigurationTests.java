package dev.cairn.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.MigrationFailedException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.RecoveryPolicy;
import dev.cairn.core.ValidationPolicy;
import dev.cairn.core.Version;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CairnAutoConfiguration}.
 */
class CairnAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class));

	@Test
	void backsOffWithoutDataSource() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(Cairn.class)
			.doesNotHaveBean(CairnMigrationRunner.class)
			.doesNotHaveBean(CairnProperties.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues("cairn.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Cairn.class)
				.doesNotHaveBean(CairnMigrationRunner.class)
				.doesNotHaveBean(CairnRunTracker.class));
	}

	@Test
	void layoutOfEveryLocationAndOfSingleLocationsReachTheEngine() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			// A property source of its own: the test's key=value parser would cut the keys at their colon.
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new org.springframework.core.env.MapPropertySource("layouts", java.util.Map.of("cairn.locations",
						"classpath:db/migrations,filesystem:/srv/goose,db/prisma", "cairn.layout", "golang-migrate",
						"cairn.layouts[filesystem:/srv/goose]", "goose", "cairn.layouts[db/prisma]", "prisma"))))
			.run((context) -> {
				dev.cairn.core.CairnConfiguration configuration = context.getBean(Cairn.class).configuration();
				assertThat(configuration.layout()).isEqualTo(dev.cairn.core.MigrationLayout.GOLANG_MIGRATE);
				assertThat(configuration.trackSettings().layoutOf(dev.cairn.core.Location.parse("filesystem:/srv/goose")))
					.isEqualTo(dev.cairn.core.MigrationLayout.GOOSE);
				assertThat(configuration.trackSettings().layoutOf(dev.cairn.core.Location.parse("classpath:db/prisma")))
					.isEqualTo(dev.cairn.core.MigrationLayout.PRISMA);
			});
	}

	@Test
	void aLayoutForALocationThatIsNotConfiguredFailsTheStartNamingIt() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues("cairn.layouts[db/other]=goose")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("layout of location 'db/other' is given, but that is not one of the locations"));
	}

	@Test
	void createsTheEngineAndARunnerWithADataSource() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new).run((context) -> {
			assertThat(context).hasSingleBean(Cairn.class)
				.hasSingleBean(CairnMigrationRunner.class)
				.hasSingleBean(CairnRunTracker.class)
				.doesNotHaveBean(CairnMigrationInitializer.class);
			CairnConfiguration configuration = context.getBean(Cairn.class).configuration();
			assertThat(configuration.dataSource()).isSameAs(context.getBean(DataSource.class));
			// The tracker is fed by the engine's events.
			assertThat(configuration.listeners()).contains(context.getBean(CairnRunTracker.class));
		});
	}

	@Test
	void bindsEveryPropertyToTheEngine() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues("cairn.locations=classpath:cairn/ok,filesystem:/srv/migrations", "cairn.track=orders",
					"cairn.schema=ops", "cairn.table=orders_history", "cairn.create-schema=false",
					"cairn.lock-timeout=90", "cairn.connect-timeout=2m", "cairn.validate-gaps=fail", "cairn.validate-drift=warn",
					"cairn.validate-unknown=ignore", "cairn.validate-future=fail", "cairn.installed-by=deployer",
					"cairn.fail-on-error=false", "cairn.run-on=runner", "cairn.recovery-policy=rollback-and-retry",
					"cairn.baseline-on-migrate=true", "cairn.baseline-version=000041", "cairn.takeover=false",
					"cairn.golang-migrate-table=old_migrations", "cairn.flyway-table=old_flyway_history",
					"cairn.placeholders.app-role=orders_app", "cairn.placeholders[db.password]=hunter2")
			.run((context) -> {
				CairnConfiguration configuration = context.getBean(Cairn.class).configuration();
				assertThat(configuration.locations()).map(Object::toString)
					.containsExactly("classpath:cairn/ok", "filesystem:/srv/migrations");
				assertThat(configuration.track()).isEqualTo("orders");
				assertThat(configuration.schema()).isEqualTo("ops");
				assertThat(configuration.table()).isEqualTo("orders_history");
				assertThat(configuration.createSchema()).isFalse();
				assertThat(configuration.lockTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(configuration.connectTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(configuration.gapPolicy()).isEqualTo(ValidationPolicy.FAIL);
				assertThat(configuration.driftPolicy()).isEqualTo(ValidationPolicy.WARN);
				assertThat(configuration.unknownPolicy()).isEqualTo(ValidationPolicy.IGNORE);
				assertThat(configuration.futurePolicy()).isEqualTo(ValidationPolicy.FAIL);
				assertThat(configuration.installedBy()).isEqualTo("deployer");
				assertThat(configuration.recoveryPolicy()).isEqualTo(RecoveryPolicy.ROLLBACK_AND_RETRY);
				assertThat(configuration.baselineOnMigrate()).isTrue();
				assertThat(configuration.baselineVersion()).isEqualTo(Version.parse("41"));
				assertThat(configuration.takeover()).isFalse();
				assertThat(configuration.golangMigrateTable()).isEqualTo("old_migrations");
				assertThat(configuration.flywayTable()).isEqualTo("old_flyway_history");
				assertThat(configuration.trackSettings().placeholders())
					.containsExactlyInAnyOrderEntriesOf(java.util.Map.of("app-role", "orders_app", "db.password", "hunter2"));
				assertThat(configuration.classLoader()).isSameAs(context.getClassLoader());
				CairnProperties properties = context.getBean(CairnProperties.class);
				assertThat(properties.isFailOnError()).isFalse();
				assertThat(properties.getRunOn()).isEqualTo(CairnProperties.RunOn.RUNNER);
			});
	}

	@Test
	void bindsTheConnectionProperties() {
		this.contextRunner
			.withPropertyValues("cairn.url=jdbc:postgresql://db.example.com:5432/orders", "cairn.user=migrator",
					"cairn.password=s3cret")
			.run((context) -> {
				CairnProperties properties = context.getBean(CairnProperties.class);
				assertThat(properties.getUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/orders");
				assertThat(properties.getUser()).isEqualTo("migrator");
				assertThat(properties.getPassword()).isEqualTo("s3cret");
			});
	}

	@Test
	void urlWithoutApplicationDataSourceBuildsAConnectionOfItsOwn() {
		this.contextRunner
			.withPropertyValues("cairn.url=jdbc:postgresql://db.example.com:5432/orders", "cairn.user=migrator",
					"cairn.password=s3cret")
			.run((context) -> {
				DataSource dataSource = context.getBean(Cairn.class).configuration().dataSource();
				// pgjdbc's own, so that the engine can give the driver its connect timeout.
				assertThat(dataSource).isInstanceOfSatisfying(PGSimpleDataSource.class, (pg) -> {
					assertThat(pg.getUrl()).startsWith("jdbc:postgresql://db.example.com:5432/orders");
					assertThat(pg.getUser()).isEqualTo("migrator");
					assertThat(pg.getPassword()).isEqualTo("s3cret");
				});
			});
	}

	@Test
	void urlIsUsedOverTheApplicationDataSource() {
		this.contextRunner.withBean(DataSource.class, () -> dataSource("jdbc:postgresql://app/db", "app", "app-secret"))
			.withPropertyValues("cairn.url=jdbc:postgresql://db.example.com:5432/orders", "cairn.user=migrator")
			.run((context) -> {
				DataSource dataSource = context.getBean(Cairn.class).configuration().dataSource();
				assertThat(dataSource).isNotSameAs(context.getBean(DataSource.class));
				assertThat(dataSource).isInstanceOfSatisfying(PGSimpleDataSource.class,
						(pg) -> assertThat(pg.getUrl()).startsWith("jdbc:postgresql://db.example.com:5432/orders"));
			});
	}

	@Test
	void userAloneConnectsToTheApplicationDatabaseWithoutItsPassword() {
		this.contextRunner.withBean(DataSource.class, () -> dataSource("jdbc:postgresql://app/db", "app", "app-secret"))
			.withPropertyValues("cairn.user=migrator")
			.run((context) -> {
				DataSource dataSource = context.getBean(Cairn.class).configuration().dataSource();
				assertThat(dataSource).isInstanceOfSatisfying(PGSimpleDataSource.class, (pg) -> {
					assertThat(pg.getServerNames()).containsExactly("app");
					assertThat(pg.getDatabaseName()).isEqualTo("db");
					assertThat(pg.getUser()).isEqualTo("migrator");
					assertThat(pg.getPassword()).isNull();
				});
			});
	}

	@Test
	void honoursCairnDataSource() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class).run((context) -> {
			DataSource dataSource = context.getBean(Cairn.class).configuration().dataSource();
			assertThat(dataSource).isSameAs(context.getBean("migrationDataSource"));
		});
	}

	@Test
	void failsWhenBothCairnDataSourceAndUrlAreSet() {
		this.contextRunner.withUserConfiguration(TwoDataSourcesConfiguration.class)
			.withPropertyValues("cairn.url=jdbc:postgresql://db.example.com:5432/orders")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CairnConfigurationException.class)
				.hasMessageContaining("@CairnDataSource")
				.hasMessageContaining("cairn.url"));
	}

	@Test
	void failsWithSeveralDataSourcesAndNoneMarked() {
		this.contextRunner.withBean("one", DataSource.class, SimpleDriverDataSource::new)
			.withBean("two", DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(CairnConfigurationException.class)
				.hasMessageContaining("2 DataSource beans")
				.hasMessageContaining("@Primary"));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			cairn.lock-timeout    | -5s
			cairn.lock-timeout    | 30d
			cairn.connect-timeout | -1s
			cairn.schema          | not a schema
			cairn.table           | cairn-history
			cairn.track           | two words
			cairn.locations       | ftp://migrations
			cairn.validate-drift  | sometimes
			cairn.run-on          | later
			cairn.url             | postgres://db.example.com/orders
			cairn.password        | secret-without-user
			cairn.recovery-policy | retry-forever
			cairn.baseline-version | one.two
			cairn.baseline-on-migrate | true
			cairn.flyway-table    | flyway history
			cairn.lock-wait.lock-timeout | -1s
			cairn.lock-wait.statement-timeout | 25h
			cairn.lock-wait.max-attempts | 0
			cairn.lock-wait.backoff | -2s
			cairn.lint.rules.create-index | fail
			cairn.lint.rules.drop | sometimes
			cairn.lint.large-table-size | -1MB
			""")
	void badPropertyValueFailsNamingTheProperty(String property, String value) {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues(property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains(property);
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			cairn.password | hunter2-secret
			cairn.url      | postgres://app:hunter2-secret@db.example.com/orders
			""")
	void aRejectedSecretIsNeverPrintedInTheFailure(String property, String value) {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues(property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains(property).doesNotContain("hunter2");
				assertThat(String.valueOf(context.getStartupFailure())).doesNotContain("hunter2");
			});
	}

	@Test
	void aPlaceholderValueOnSeveralLinesFailsNamingThePlaceholderButNotItsValue() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withPropertyValues("cairn.placeholders.db-password=hunter2\nsecond line")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("cairn.placeholders", "'db-password'",
						"several lines")
					.doesNotContain("hunter2");
				assertThat(String.valueOf(context.getStartupFailure())).doesNotContain("hunter2");
			});
	}

	@Test
	void runOnInitializationMigratesBeforeJdbcTemplateIsCreated() {
		String url = TestDatabases.createUrl();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, CairnAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url, "cairn.run-on=initialization",
					"cairn.locations=classpath:cairn/early")
			.withBean(GreetingReader.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(CairnMigrationInitializer.class)
					.doesNotHaveBean(CairnMigrationRunner.class);
				BeanDefinition jdbcTemplate = context.getBeanFactory().getBeanDefinition("jdbcTemplate");
				assertThat(jdbcTemplate.getDependsOn()).contains("cairnMigrationInitializer");
				// Read in a constructor during refresh: only works if the table already exists.
				assertThat(context.getBean(GreetingReader.class).greeting).isEqualTo("hello");
			});
	}

	@Test
	void runOnInitializationMigratesEvenWithLazyInitialization() {
		DataSource database = TestDatabase.createDatabase();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withInitializer((context) -> context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor()))
			.withPropertyValues("cairn.run-on=initialization", "cairn.locations=classpath:cairn/early")
			.run((context) -> assertThat(context.getBean(CairnRunTracker.class).track("default").status())
				.isEqualTo(CairnRunTracker.Status.UP_TO_DATE));
	}

	@Test
	void runOnInitializationFailureStopsTheContext() {
		DataSource database = TestDatabase.createDatabase();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withPropertyValues("cairn.run-on=initialization", "cairn.locations=classpath:cairn/failing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(causes(context.getStartupFailure())).hasAtLeastOneElementOfType(MigrationFailedException.class);
				assertThat(messages(context.getStartupFailure())).contains("V2__broken_backfill.sql");
			});
	}

	@Test
	void runOnInitializationWithoutFailOnErrorStartsAndRecordsTheFailure() {
		DataSource database = TestDatabase.createDatabase();
		this.contextRunner.withBean(DataSource.class, () -> database)
			.withPropertyValues("cairn.run-on=initialization", "cairn.locations=classpath:cairn/failing",
					"cairn.fail-on-error=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CairnRunTracker tracker = context.getBean(CairnRunTracker.class);
				assertThat(tracker.hasFailed()).isTrue();
				CairnRunTracker.TrackState state = tracker.track("default");
				assertThat(state.status()).isEqualTo(CairnRunTracker.Status.FAILED);
				assertThat(state.lastRun().error().script()).contains("V2__broken_backfill.sql");
				assertThat(state.lastRun().applied()).hasSize(1);
			});
	}

	@Test
	void failsWhenFlywayIsConfiguredToo() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withBean("flyway", Flyway.class, () -> {
				throw new AssertionError("the check must run before any bean is created");
			})
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(MigrationToolConflictException.class)
				.hasMessageContaining("Flyway (bean flyway)"));
	}

	@Test
	void flywayOnTheClasspathWithoutAFlywayBeanIsFine() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Cairn.class));
	}

	@Test
	void appliesCustomizersAndListenerBeans() {
		MigrationListener listener = new MigrationListener() {
		};
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withBean(MigrationListener.class, () -> listener)
			.withBean(CairnConfigurationCustomizer.class, () -> (builder) -> builder.table("customized"))
			.run((context) -> {
				CairnConfiguration configuration = context.getBean(Cairn.class).configuration();
				assertThat(configuration.table()).isEqualTo("customized");
				assertThat(configuration.listeners()).contains(listener, context.getBean(CairnRunTracker.class));
			});
	}

	@Test
	void backsOffFromAnEngineDefinedByTheApplication() {
		this.contextRunner.withBean(DataSource.class, SimpleDriverDataSource::new)
			.withBean("myCairn", Cairn.class,
					() -> new Cairn(CairnConfiguration.builder().dataSource(new SimpleDriverDataSource()).track("mine").build()))
			.run((context) -> {
				assertThat(context).hasSingleBean(Cairn.class).hasBean("myCairn");
				assertThat(context).hasSingleBean(CairnMigrationRunner.class);
			});
	}

	private static SimpleDriverDataSource dataSource(String url, String user, String password) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource();
		dataSource.setDriverClass(org.postgresql.Driver.class);
		dataSource.setUrl(url);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		return dataSource;
	}

	private static String messages(Throwable failure) {
		return String.join("\n", causes(failure).stream().map((cause) -> String.valueOf(cause.getMessage())).toList());
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSourcesConfiguration {

		@Bean
		@Primary
		DataSource applicationDataSource() {
			return new SimpleDriverDataSource();
		}

		@Bean
		@CairnDataSource
		DataSource migrationDataSource() {
			return new SimpleDriverDataSource();
		}

	}

	static class GreetingReader {

		final String greeting;

		GreetingReader(JdbcTemplate jdbcTemplate) {
			this.greeting = jdbcTemplate.queryForObject("SELECT text FROM greetings WHERE id = 1", String.class);
		}

	}

}
