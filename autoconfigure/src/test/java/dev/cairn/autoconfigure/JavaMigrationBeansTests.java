package dev.cairn.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationContext;
import dev.cairn.core.JavaMigrationScope;
import dev.cairn.core.MigrationFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Java migrations as beans of {@link CairnAutoConfiguration}: every {@link JavaMigration} bean
 * is registered, gets its dependencies injected, and what it does through the application's
 * {@code JdbcClient} is part of its transaction.
 */
class JavaMigrationBeansTests {

	@TempDir
	Path folder;

	private ApplicationContextRunner runner() throws IOException {
		Files.writeString(this.folder.resolve("000001_create_notes.up.sql"),
				"CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL, words int);"
						+ " INSERT INTO notes (id, body) VALUES (1, 'one two'), (2, 'three');");
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, CairnAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + TestDatabases.createUrl(),
					"cairn.locations=filesystem:" + this.folder);
	}

	@Test
	void everyJavaMigrationBeanIsRegisteredWithItsDependenciesInjected() throws IOException {
		runner().withUserConfiguration(CountWordsConfiguration.class).run((context) -> {
			Cairn cairn = context.getBean(Cairn.class);
			assertThat(cairn.configuration().javaMigrations()).singleElement().isInstanceOf(CountWords.class);
			assertThat(cairn.migrate().applied()).extracting((applied) -> applied.type().name())
				.containsExactly("SQL", "JAVA");
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT words FROM notes ORDER BY id").query(Integer.class).list()).containsExactly(2, 1);
			assertThat(jdbc.sql("SELECT type || ' ' || script FROM cairn_history WHERE version = '2'")
				.query(String.class)
				.single()).isEqualTo("JAVA " + CountWords.class.getName());
		});
	}

	@Test
	void whatABeanDoesThroughTheApplicationsJdbcClientIsRolledBackWithIt() throws IOException {
		runner().withUserConfiguration(CountWordsConfiguration.class)
			.withBean(FailingAfterUpdate.class)
			.run((context) -> {
				assertThatThrownBy(() -> context.getBean(Cairn.class).migrate())
					.isInstanceOf(MigrationFailedException.class)
					.hasMessageContaining(FailingAfterUpdate.class.getName() + " (version 3) failed")
					.hasMessageContaining("Nothing of this migration was applied");
				JdbcClient jdbc = context.getBean(JdbcClient.class);
				// Version 3 updated every body through the application's JdbcClient before it threw: rolled back.
				assertThat(jdbc.sql("SELECT body FROM notes ORDER BY id").query(String.class).list())
					.containsExactly("one two", "three");
				assertThat(jdbc.sql("SELECT version FROM cairn_history ORDER BY applied_order").query(String.class).list())
					.containsExactly("1", "2");
			});
	}

	@Test
	void twoBeansWithOneVersionAreADuplicate() throws IOException {
		runner().withUserConfiguration(CountWordsConfiguration.class)
			.withBean("again", CountWords.class)
			.run((context) -> assertThatThrownBy(() -> context.getBean(Cairn.class).migrate())
				.isInstanceOf(CairnValidationException.class)
				.hasMessageContaining("version 2 is applied by 2 migrations: Java migration " + CountWords.class.getName()
						+ ", Java migration " + CountWords.class.getName()));
	}

	@Test
	void aBeanOfAnotherTrackFailsTheStart() throws IOException {
		runner().withBean(OtherTrack.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("names track 'vector', which is not defined: the tracks are [default]"));
	}

	@Test
	void aSeparateMigrationConnectionIsNotBoundToTheApplicationsTransactions() throws IOException {
		runner().withPropertyValues("cairn.url=" + TestDatabases.createUrl())
			.run((context) -> assertThat(context.getBean(Cairn.class).configuration().engine().javaMigrationScope())
				.isSameAs(JavaMigrationScope.NONE));
		runner().run((context) -> assertThat(context.getBean(Cairn.class).configuration().engine().javaMigrationScope())
			.isInstanceOf(SpringTransactionScope.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CountWordsConfiguration {

		@Bean
		CountWords countWords(JdbcClient jdbc) {
			return new CountWords(jdbc);
		}

	}

	/** Counts the words of every note with the application's JdbcClient. */
	static class CountWords implements JavaMigration {

		private final JdbcClient jdbc;

		CountWords(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		CountWords() {
			this(null);
		}

		@Override
		public String version() {
			return "2";
		}

		@Override
		public void migrate(JavaMigrationContext context) {
			this.jdbc.sql("UPDATE notes SET words = array_length(regexp_split_to_array(body, ' '), 1)").update();
		}

	}

	static class FailingAfterUpdate implements JavaMigration {

		private final JdbcClient jdbc;

		FailingAfterUpdate(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String version() {
			return "3";
		}

		@Override
		public void migrate(JavaMigrationContext context) {
			this.jdbc.sql("UPDATE notes SET body = upper(body)").update();
			throw new IllegalStateException("stop after the update");
		}

	}

	static class OtherTrack implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String track() {
			return "vector";
		}

		@Override
		public void migrate(JavaMigrationContext context) {
		}

	}

}
