package dev.cairn.test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gives every test a database of its own on a real PostgreSQL server: the one named by
 * {@code CAIRN_TEST_JDBC_URL} (as on CI), otherwise an embedded PostgreSQL started once per
 * JVM ({@link LocalPostgres}; as root it runs under an unprivileged account). When that server
 * cannot start, the first test that needs it fails with the reason and every later one is
 * skipped, so a build reports the cause once. Databases are named after the JVM's pid; those of JVMs that have exited are dropped in
 * the background when the next test JVM starts (dropping at exit would make every test run
 * wait for a checkpoint per database).
 */
public final class TestDatabase {

	/** The environment variable naming an existing server to test against. */
	public static final String URL_VARIABLE = "CAIRN_TEST_JDBC_URL";

	private static final AtomicInteger counter = new AtomicInteger();

	/** When this JVM started, in epoch seconds: with the pid, what tells its databases from a recycled pid's. */
	private static final long STARTED = startedAt(ProcessHandle.current());

	private static volatile String adminUrl;

	private static LocalPostgres embedded;

	private static Exception startFailure;

	private TestDatabase() {
	}

	/**
	 * Creates a new empty database on the test server.
	 * @return a DataSource for it, logging in as the server's URL says
	 */
	public static PGSimpleDataSource createDatabase() {
		// The pid alone repeats: a later JVM with a recycled pid would meet the databases an earlier one left.
		String name = "cairn_test_" + ProcessHandle.current().pid() + "_" + STARTED + "_" + counter.incrementAndGet();
		execute(adminDataSource(), "CREATE DATABASE " + name);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(urlFor(name));
		return dataSource;
	}

	/**
	 * The JDBC URL of a database on the test server, with the server URL's login parameters
	 * ({@code PGSimpleDataSource.getUrl()} would drop the {@code user} parameter).
	 * @param database the database's name
	 * @return its JDBC URL
	 */
	public static String urlFor(String database) {
		String url = adminUrl();
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		String params = (query >= 0) ? url.substring(query) : "";
		return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
	}

	/**
	 * The server's maintenance database, for creating and dropping databases and roles.
	 * @return a DataSource for it
	 */
	public static DataSource adminDataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(adminUrl());
		return dataSource;
	}

	/**
	 * Runs statements one after another on one connection, for setting a test up.
	 * @param dataSource where to run them
	 * @param sql the statements, each sent on its own
	 * @throws IllegalStateException when one fails; the ones before it stay done
	 */
	public static void execute(DataSource dataSource, String... sql) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String each : sql) {
				statement.execute(each);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Test setup SQL failed: " + ex.getMessage(), ex);
		}
	}

	private static String adminUrl() {
		if (adminUrl == null) {
			synchronized (TestDatabase.class) {
				if (adminUrl == null) {
					adminUrl = startServer();
					if (embedded == null) {
						Thread cleanup = new Thread(TestDatabase::dropLeftovers, "cairn-test-cleanup");
						cleanup.setDaemon(true);
						cleanup.start();
					}
				}
			}
		}
		return adminUrl;
	}

	private static String startServer() {
		String url = System.getenv(URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return url;
		}
		if (startFailure != null) {
			// Reported in full once, by the first test; every later one is skipped, not failed again.
			throw new TestAbortedException("No test server: the embedded PostgreSQL did not start (reported once,"
					+ " by the first test that needed it)");
		}
		try {
			embedded = LocalPostgres.start(new LocalPostgres.Options());
		}
		catch (IOException | RuntimeException ex) {
			startFailure = ex;
			throw new IllegalStateException("Could not start the embedded PostgreSQL for the tests: " + ex.getMessage()
					+ ". Or set " + URL_VARIABLE + " to a PostgreSQL server, for example"
					+ " jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (each test uses a database of its own)."
					+ " Later tests that need a server are skipped.", ex);
		}
		return embedded.jdbcUrl("postgres");
	}

	private static void dropLeftovers() {
		DataSource admin = adminDataSource();
		List<String> names = new java.util.ArrayList<>();
		try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement();
				java.sql.ResultSet result = statement
					.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'cairn\\_test\\_%'")) {
			while (result.next()) {
				names.add(result.getString(1));
			}
		}
		catch (SQLException ex) {
			return;
		}
		for (String name : names) {
			if (!stale(name)) {
				continue;
			}
			try {
				execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (RuntimeException ex) {
				// best effort: a database left behind is harmless and uniquely named
			}
		}
	}


	/**
	 * A database is stale when the process that made it is gone: its pid is not alive, or is alive
	 * but started at another time (a recycled pid). Names without a start time are from before it
	 * was recorded, stale unless their pid is alive and not this JVM's.
	 */
	private static boolean stale(String name) {
		String[] parts = name.split("_");
		long pid;
		try {
			pid = Long.parseLong(parts[2]);
		}
		catch (RuntimeException ex) {
			return false; // not one of ours
		}
		java.util.Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
		if (process.isEmpty()) {
			return true;
		}
		if (parts.length < 5) {
			return pid == ProcessHandle.current().pid();
		}
		try {
			return Long.parseLong(parts[3]) != startedAt(process.get());
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static long startedAt(ProcessHandle process) {
		return process.info().startInstant().map(java.time.Instant::getEpochSecond).orElse(0L);
	}

}
