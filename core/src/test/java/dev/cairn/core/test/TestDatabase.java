package dev.cairn.core.test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Gives every test a database of its own on a real PostgreSQL server: the one named by
 * {@code CAIRN_TEST_JDBC_URL} (as on CI), otherwise an embedded PostgreSQL started once per
 * JVM. Databases made here are dropped when the JVM exits.
 */
public final class TestDatabase {

	/** The environment variable naming an existing server to test against. */
	public static final String URL_VARIABLE = "CAIRN_TEST_JDBC_URL";

	private static final AtomicInteger counter = new AtomicInteger();

	private static final List<String> created = new CopyOnWriteArrayList<>();

	private static volatile String adminUrl;

	private static EmbeddedPostgres embedded;

	private TestDatabase() {
	}

	/** A new empty database, and a DataSource for it. */
	public static PGSimpleDataSource createDatabase() {
		String name = "cairn_test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		execute(adminDataSource(), "CREATE DATABASE " + name);
		created.add(name);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(urlFor(name));
		return dataSource;
	}

	/** The JDBC URL of the given database on the test server. */
	public static String urlFor(String database) {
		String url = adminUrl();
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		String params = (query >= 0) ? url.substring(query) : "";
		return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
	}

	/** A DataSource on the server's maintenance database, for creating and dropping things. */
	public static DataSource adminDataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(adminUrl());
		return dataSource;
	}

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
					Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "cairn-test-cleanup"));
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
		if ("root".equals(System.getProperty("user.name").toLowerCase(Locale.ROOT))) {
			throw new IllegalStateException("The embedded PostgreSQL cannot run as root (initdb refuses). Set "
					+ URL_VARIABLE + " to a PostgreSQL server, for example"
					+ " jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres, or run the build as another user.");
		}
		try {
			embedded = EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the embedded PostgreSQL: " + ex.getMessage()
					+ "; or set " + URL_VARIABLE + " to an existing server", ex);
		}
		return embedded.getJdbcUrl("postgres", "postgres");
	}

	private static void dropAll() {
		if (embedded != null) {
			try {
				embedded.close();
			}
			catch (IOException ex) {
				// the JVM is exiting; the embedded server's directory is temporary
			}
			return;
		}
		DataSource admin = adminDataSource();
		for (String name : created) {
			try {
				execute(admin, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
			catch (RuntimeException ex) {
				// best effort: a database left behind is harmless and uniquely named
			}
		}
	}

}
