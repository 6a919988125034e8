package dev.cairn.core.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.LockTimeoutException;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.Version;
import dev.cairn.core.internal.lock.AdvisoryLock;
import dev.cairn.test.HeldLock;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords never reach messages or logs; configured values never reach SQL unchecked.
 */
abstract class SecurityCases extends CatalogueCases {

	/** {@code AdvisoryLock.CLASS_ID}: "CAIR". */
	private static final int LOCK_CLASS_ID = 0x43414952;

	private ListAppender<ILoggingEvent> logs;

	private final List<CairnException> reported = new ArrayList<>();

	@BeforeEach
	void captureLogs() {
		this.logs = new ListAppender<>();
		this.logs.start();
		root().addAppender(this.logs);
	}

	@AfterEach
	void releaseLogs() {
		root().detachAppender(this.logs);
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	/** A configuration whose listener keeps the error every run finishes with. */
	private CairnConfiguration.Builder configureListening(DataSource dataSource) {
		return configure(dataSource).listener(new MigrationListener() {

			@Override
			public void runFinished(RunFinished event) {
				if (event.error() != null) {
					SecurityCases.this.reported.add(event.error());
				}
			}

		});
	}

	/** The exception with its causes, every log line with its throwable, and what listeners got. */
	private void assertNowhere(String secret, Throwable thrown) {
		for (Throwable each = thrown; each != null; each = each.getCause()) {
			assertThat(String.valueOf(each.getMessage())).as("message of %s", each.getClass().getName())
				.doesNotContain(secret);
		}
		for (ILoggingEvent event : this.logs.list) {
			assertThat(event.getFormattedMessage()).as("log line").doesNotContain(secret);
			for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
				assertThat(String.valueOf(proxy.getMessage())).as("logged exception").doesNotContain(secret);
			}
		}
		for (CairnException each : this.reported) {
			assertThat(each.getMessage()).as("error given to listeners").doesNotContain(secret);
		}
	}

	@Test
	void passwordInAMistypedUrlIsMasked() {
		String password = "Url-Secret-" + databaseName();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:postgres://127.0.0.1:5432/" + databaseName() + "?user=postgres&password=" + password);
		CairnException ex = refused("security-01", "URL `jdbc:postgres://…?password=…` (typo in the scheme) through a"
				+ " DriverManager DataSource", () -> new Cairn(configureListening(dataSource).build()).migrate());
		assertThat(ex.getMessage()).contains("cannot connect to the database", "password=***");
		assertNowhere(password, ex);
	}

	@Test
	void passwordOfAnUnknownUserAppearsNowhere() {
		String password = "Property-Secret-" + databaseName();
		PGSimpleDataSource dataSource = connectAs("nobody_" + databaseName());
		dataSource.setPassword(password);
		CairnException ex = refused("security-02", "unknown user with a password property: exception, causes, logs and"
				+ " listener events", () -> new Cairn(configureListening(dataSource).build()).migrate());
		assertNowhere(password, ex);
	}

	@Test
	void passwordInTheUrlOfAMissingDatabaseAppearsNowhere() {
		String password = "Query-Secret-" + databaseName();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(databaseName() + "_gone").replaceFirst("\\?", "?password=" + password + "&"));
		CairnException ex = refused("security-03", "`?password=…` in the URL of a database that does not exist",
				() -> new Cairn(configureListening(dataSource).build()).migrate());
		assertNowhere(password, ex);
	}

	@Test
	void passwordInTheLockHoldersLastStatementAppearsNowhere() {
		String role = createRole("app");
		String password = "Holder-Secret-" + databaseName();
		try (HeldLock holder = HeldLock.advisory(database(), LOCK_CLASS_ID,
				AdvisoryLock.objectId("\"public\".\"cairn_history\""))) {
			holder.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
			CairnException ex = refused("security-04", "the lock holder's last statement is `ALTER ROLE … PASSWORD '…'`"
					+ " (lock timeout 0)", () -> new Cairn(configureListening(database()).lockTimeout(Duration.ZERO)
						.build()).migrate());
			assertThat(ex).isInstanceOf(LockTimeoutException.class);
			assertThat(ex.getMessage()).contains("held by pid");
			assertNowhere(password, ex);
		}
	}

	@Test
	void passwordInAFailingStatementIsMasked() {
		String password = "Script-Secret-" + databaseName();
		new Cairn(configure().build()).migrate();
		write("000001_app_role.up.sql", "CREATE TABLE a (id int);\nALTER ROLE no_such_role_" + databaseName()
				+ " WITH LOGIN PASSWORD '" + password + "';\n");
		CairnException ex = refused("security-05", "a migration whose failing statement is `ALTER ROLE … PASSWORD '…'`",
				"refused, nothing of the file applied", () -> new Cairn(configureListening(database()).build()).migrate());
		assertThat(ex.getMessage()).contains("000001_app_role.up.sql", "at line 2", "PASSWORD '***'");
		assertNowhere(password, ex);
	}

	@Test
	void passwordInTheAuthorityOfAUrlAppearsNowhereInTheCauseChain() {
		String password = "Authority-Secret-" + databaseName();
		// pgjdbc reads app:secret@127.0.0.1 as a host name and reports it as an unknown host, a cause.
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl("jdbc:postgresql://app:" + password + "@127.0.0.1:5432/" + databaseName());
		CairnException ex = refused("security-07", "`jdbc:postgresql://user:password@host/…` (pgjdbc takes"
				+ " `user:password@host` for the host name): exception, every cause, logs at every level and listener"
				+ " events", () -> new Cairn(configureListening(dataSource).connectTimeout(Duration.ZERO).build())
					.migrate());
		assertNowhere(password, ex);
	}

	@Test
	void passwordsInEveryQuotingOfAFailingStatementAreMasked() {
		String password = "Quoted Secret " + databaseName();
		new Cairn(configure().build()).migrate();
		write("000001_mapping.up.sql", "CREATE TABLE a (id int);\n"
				+ "SELECT no_such_function('host=db password=''" + password + "'' dbname=x');\n");
		CairnException ex = refused("security-08", "a failing statement carrying `password=''a b''` inside a SQL literal",
				"refused, nothing of the file applied", () -> new Cairn(configureListening(database()).build()).migrate());
		assertThat(ex.getMessage()).contains("000001_mapping.up.sql", "at line 2");
		assertNowhere(password, ex);
		assertNowhere("Quoted Secret", ex);
	}

	@Test
	void configuredValuesReachSqlOnlyAsCheckedIdentifiersOrEscapedLiterals() {
		String payload = "o'brien\\'); DROP TABLE a; -- {fn user()} $$";
		write("000001_a.up.sql", "CREATE TABLE a (id int);").write("000001_a.down.sql", "DROP TABLE a;")
			.write("000002_it's_a_\\_test.up.sql", "CREATE TABLE b (id int);")
			.write("000002_it's_a_\\_test.down.sql", "DROP TABLE b;")
			.write("000003_index.up.sql", "-- cairn:no-transaction\nCREATE INDEX CONCURRENTLY a_id ON a (id);")
			.write("000003_index.down.sql", "-- cairn:no-transaction\nDROP INDEX CONCURRENTLY a_id;");
		RecordingDataSource recording = new RecordingDataSource(database());
		Cairn cairn = new Cairn(configure(recording).track("orders-api.v2")
			.schema("cat_schema")
			.table("cat_history")
			.installedBy(payload)
			.build());
		acceptedWith("security-06", "installedBy `" + payload + "`, a file named `000002_it's_a_\\_test.up.sql`, track"
				+ " `orders-api.v2`, schema `cat_schema`, table `cat_history`; every operation, with and without a"
				+ " transaction", "—",
				"accepted; values recorded verbatim, no other SQL runs");
		cairn.migrate();
		cairn.status();
		cairn.validate();
		cairn.dryRun();
		cairn.rollback(1);
		cairn.force(Version.parse("3"), true);
		cairn.repair(true);
		assertThat(Sql.tableExists(database(), "public.a")).isTrue();
		assertThat(Sql.column(database(), "SELECT applied_by || ' ' || script || ' ' || description FROM"
				+ " cat_schema.cat_history ORDER BY applied_order"))
			.containsExactly(payload + " 000001_a.up.sql a", payload + " 000002_it's_a_\\_test.up.sql it's a \\ test",
					payload + " 000003_index.up.sql index");
		assertThat(recording.sql()).isNotEmpty().allSatisfy((sql) -> {
			assertThat(sql).doesNotContain("orders-api");
			assertThat(sql.replace("\"cat_schema\"", "").replace("\"cat_history\"", ""))
				.doesNotContain("cat_schema")
				.doesNotContain("cat_history");
			assertThat(sql.replace("E'o\\'brien\\\\\\'); DROP TABLE a; -- {fn user()} $$'", "")).doesNotContain("brien");
		});
	}

}
