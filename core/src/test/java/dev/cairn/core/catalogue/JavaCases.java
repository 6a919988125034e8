package dev.cairn.core.catalogue;

import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.CairnException;
import dev.cairn.core.CairnValidationException;
import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationContext;
import dev.cairn.core.MigrationFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java migrations that cannot run or break the transaction that records them: each is
 * refused with a message naming the class, and the database stays as it was.
 */
abstract class JavaCases extends CatalogueCases {

	private static final String FIRST = "000001_a.up.sql";

	private Cairn cairn(JavaMigration... java) {
		return new Cairn(configure().javaMigrations(java).build());
	}

	private void applied() {
		write(FIRST, "CREATE TABLE a (id int);");
		cairn().migrate();
	}

	private static void execute(JavaMigrationContext context, String... sql) throws SQLException {
		try (Statement statement = context.connection().createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
	}

	@Test
	void aJavaMigrationThatThrowsIsRolledBackAndItsMessageMasked() {
		applied();
		CairnException ex = refused("java-01", "a Java migration that creates a table, then throws an exception whose"
				+ " message carries a JDBC URL with a password", () -> cairn(new Body("2", (context) -> {
					execute(context, "CREATE TABLE b (id int)");
					throw new IllegalStateException("lookup failed at jdbc:postgresql://db/app?password=s3cret");
				})).migrate());
		assertThat(ex).isInstanceOf(MigrationFailedException.class);
		assertThat(ex.getMessage()).contains(Body.class.getName() + " (version 2) failed", "password=***",
				"Nothing of this migration was applied").doesNotContain("s3cret");
	}

	@Test
	void twoJavaMigrationsWithOneVersionAreADuplicate() {
		applied();
		CairnException ex = refused("java-02", "two Java migration beans that both return version `2`",
				() -> cairn(new Body("2", (context) -> {
				}), new Other("2")).migrate());
		assertThat(ex).isInstanceOf(CairnValidationException.class);
		assertThat(ex.getMessage()).contains("version 2 is applied by 2 migrations", "Java migration " + Body.class.getName(),
				"Java migration " + Other.class.getName(), "give each migration its own version");
	}

	@Test
	void aJavaMigrationWithTheVersionOfAFileIsADuplicate() {
		applied();
		write("000002_b.up.sql", "CREATE TABLE b (id int);");
		CairnException ex = refused("java-03", "a Java migration with version `2` next to `000002_b.up.sql`",
				() -> cairn(new Other("2")).migrate());
		assertThat(ex.getMessage()).contains("version 2 is applied by 2 migrations", "000002_b.up.sql",
				"Java migration " + Other.class.getName(), "change the version() of the Java migration or rename the file");
	}

	@Test
	void aJavaMigrationCallingCommitIsRefused() {
		applied();
		CairnException ex = refused("java-04", "a Java migration that calls `connection.commit()` and catches the"
				+ " refusal", () -> cairn(new Body("2", (context) -> {
					execute(context, "CREATE TABLE b (id int)");
					try {
						context.connection().commit();
					}
					catch (SQLException ignored) {
						// carries on
					}
				})).migrate());
		assertThat(ex.getMessage()).contains("called Connection.commit()", "Cairn commits or rolls back");
	}

	@Test
	void aJavaMigrationSendingCommitAsSqlIsRefused() {
		applied();
		CairnException ex = refused("java-05", "a Java migration that sends `COMMIT` as SQL, then creates a table",
				() -> cairn(new Body("2", (context) -> execute(context, "COMMIT", "CREATE TABLE b (id int)"))).migrate());
		assertThat(ex.getMessage()).contains("ended the transaction it runs in and started another");
	}

	@Test
	void aJavaMigrationClosingItsConnectionIsRefused() {
		applied();
		CairnException ex = refused("java-06", "a Java migration that closes its connection (through `unwrap`)",
				() -> cairn(new Body("2", (context) -> {
					execute(context, "CREATE TABLE b (id int)");
					context.connection().unwrap(java.sql.Connection.class).close();
				})).migrate());
		assertThat(ex.getMessage()).contains("closed its connection");
	}

	@Test
	void aJavaMigrationSwitchingAutoCommitIsRefused() {
		applied();
		CairnException ex = refused("java-07", "a Java migration that calls `connection.setAutoCommit(true)`",
				() -> cairn(new Body("2", (context) -> {
					execute(context, "CREATE TABLE b (id int)");
					context.connection().setAutoCommit(true);
				})).migrate());
		assertThat(ex.getMessage()).contains("called Connection.setAutoCommit(true)");
	}

	@Test
	void aJavaMigrationSwallowingAFailedStatementIsRefused() {
		applied();
		CairnException ex = refused("java-08", "a Java migration that catches the SQLException of a failed statement"
				+ " and returns", () -> cairn(new Body("2", (context) -> {
					execute(context, "CREATE TABLE b (id int)");
					try {
						execute(context, "INSERT INTO b VALUES ('x')");
					}
					catch (SQLException ignored) {
						// carries on
					}
				})).migrate());
		assertThat(ex.getMessage()).contains("carried on after a statement failed", "use a savepoint");
	}

	@Test
	void aJavaMigrationWithAnInvalidVersionIsRefused() {
		applied();
		CairnException ex = refused("java-09", "a Java migration whose `version()` returns `v2.1`",
				() -> cairn(new Other("v2.1")).migrate());
		assertThat(ex).isInstanceOf(CairnValidationException.class);
		assertThat(ex.getMessage()).contains("Java migration " + Other.class.getName(), "version() returned 'v2.1'",
				"return a version such as 42");
	}

	@Test
	void aJavaMigrationWithAMultiLineDescriptionIsRefused() {
		applied();
		CairnException ex = refused("java-10", "a Java migration whose `description()` is two lines", () -> cairn(
				new Described("2", "Backfill totals\nDROP TABLE a")).migrate());
		assertThat(ex.getMessage()).contains("description() 'Backfill totals DROP TABLE a' contains a line break");
	}

	@Test
	void aJavaMigrationWithABlankDescriptionIsRefused() {
		applied();
		CairnException ex = refused("java-11", "a Java migration whose `description()` is blank",
				() -> cairn(new Described("2", "  ")).migrate());
		assertThat(ex.getMessage()).contains("description() is blank");
	}

	@Test
	void anAnonymousJavaMigrationIsRefused() {
		applied();
		CairnException ex = refused("java-12", "a Java migration written as an anonymous class", () -> cairn(
				new JavaMigration() {

					@Override
					public String version() {
						return "2";
					}

					@Override
					public void migrate(JavaMigrationContext context) {
					}

				}).migrate());
		assertThat(ex.getMessage()).contains("it is an anonymous class", "make it a named");
	}

	@Test
	void aJavaMigrationOfAnotherTrackIsRefusedAtBuild() {
		CairnException ex = refused("java-13", "a Java migration whose `track()` is `vector` in a configuration of"
				+ " track `default`", ConfigurationCases.AT_BUILD, () -> configure().javaMigrations(new Tracked())
					.build());
		assertThat(ex).isInstanceOf(CairnConfigurationException.class);
		assertThat(ex.getMessage()).contains("belongs to track 'vector', not to track 'default'");
	}

	interface Work {

		void run(JavaMigrationContext context) throws Exception;

	}

	static final class Body implements JavaMigration {

		private final String version;

		private final Work work;

		Body(String version, Work work) {
			this.version = version;
			this.work = work;
		}

		@Override
		public String version() {
			return this.version;
		}

		@Override
		public void migrate(JavaMigrationContext context) throws Exception {
			this.work.run(context);
		}

	}

	static final class Other implements JavaMigration {

		private final String version;

		Other(String version) {
			this.version = version;
		}

		@Override
		public String version() {
			return this.version;
		}

		@Override
		public void migrate(JavaMigrationContext context) {
		}

	}

	static final class Described implements JavaMigration {

		private final String version;

		private final String description;

		Described(String version, String description) {
			this.version = version;
			this.description = description;
		}

		@Override
		public String version() {
			return this.version;
		}

		@Override
		public String description() {
			return this.description;
		}

		@Override
		public void migrate(JavaMigrationContext context) {
		}

	}

	static final class Tracked implements JavaMigration {

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
