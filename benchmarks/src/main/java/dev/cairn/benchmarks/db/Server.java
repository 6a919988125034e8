package dev.cairn.benchmarks.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the benchmarks run against, reached through an administrative JDBC
 * URL. Benchmarks only ever create and drop databases named {@code cairn_bench_*}.
 */
public final class Server {

	public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	public static final String PREFIX = "cairn_bench_";

	private static final Pattern OWN_NAME = Pattern.compile(PREFIX + "[a-z0-9_]+");

	private final String adminUrl;

	private final AtomicInteger counter = new AtomicInteger();

	public Server(String adminUrl) {
		this.adminUrl = adminUrl;
	}

	/** {@code CAIRN_BENCH_JDBC_URL}, else {@code CAIRN_TEST_JDBC_URL}, else the local default. */
	public static Server fromEnvironment() {
		for (String variable : new String[] { "CAIRN_BENCH_JDBC_URL", "CAIRN_TEST_JDBC_URL" }) {
			String url = System.getenv(variable);
			if (url != null && !url.isBlank()) {
				return new Server(url.trim());
			}
		}
		return new Server(DEFAULT_URL);
	}

	public String adminUrl() {
		return this.adminUrl;
	}

	/** Whether the server answers; for tests that skip without one. */
	public boolean isReachable() {
		try (Connection connection = DriverManager.getConnection(this.adminUrl)) {
			return connection.isValid(5);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/** A fresh empty database; its name carries this process's id so parallel runs never meet. */
	public String createDatabase(String label) {
		String name = PREFIX + ProcessHandle.current().pid() + "_" + this.counter.incrementAndGet() + "_"
				+ label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		execute("CREATE DATABASE " + checked(name));
		return name;
	}

	public void dropDatabase(String name) {
		execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
	}

	/** The JDBC URL of one database on this server, keeping the admin URL's parameters. */
	public String urlFor(String database) {
		int query = this.adminUrl.indexOf('?');
		String base = (query >= 0) ? this.adminUrl.substring(0, query) : this.adminUrl;
		String params = (query >= 0) ? this.adminUrl.substring(query) : "";
		int slash = base.indexOf('/', base.indexOf("//") + 2);
		String hostPart = (slash >= 0) ? base.substring(0, slash) : base;
		return hostPart + "/" + database + params;
	}

	private static String checked(String name) {
		if (!OWN_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a benchmark database: " + name);
		}
		return name;
	}

	private void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(this.adminUrl);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

}
