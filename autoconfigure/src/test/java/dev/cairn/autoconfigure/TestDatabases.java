package dev.cairn.autoconfigure;

import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.TestDatabase;

/**
 * A fresh database on the test server, as a JDBC URL for {@code spring.datasource.url}.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * Creates a database and returns its URL with the server's login parameters.
	 * {@code PGSimpleDataSource.getUrl()} would drop the {@code user} parameter and connect as
	 * the operating system user.
	 */
	public static String createUrl() {
		PGSimpleDataSource dataSource = TestDatabase.createDatabase();
		return TestDatabase.urlFor(dataSource.getDatabaseName());
	}

}
