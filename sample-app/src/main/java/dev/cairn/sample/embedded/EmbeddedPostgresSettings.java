package dev.cairn.sample.embedded;

import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import dev.cairn.test.LocalPostgres;

/**
 * Where and how the embedded PostgreSQL runs, from {@code sample.embedded-postgres.*}.
 *
 * @param dataDirectory the cluster's folder; kept between runs (delete it to start over)
 * @param port the port to listen on; 0, or a busy port, means any free one
 * @param database the database the application uses, created on first start
 */
record EmbeddedPostgresSettings(Path dataDirectory, int port, String database) {

	static final String PREFIX = "sample.embedded-postgres";

	/** The default port: fixed, so psql and IDEs can reconnect after a restart; unusual, so it rarely clashes. */
	static final int DEFAULT_PORT = 54329;

	static final String DEFAULT_DATABASE = "library";

	static EmbeddedPostgresSettings from(Environment environment) {
		Binder binder = Binder.get(environment);
		Path dataDirectory = binder.bind(PREFIX + ".data-directory", Path.class).orElseGet(EmbeddedPostgresSettings::defaultDataDirectory);
		int port = binder.bind(PREFIX + ".port", Integer.class).orElse(DEFAULT_PORT);
		String database = binder.bind(PREFIX + ".database", String.class).orElse(DEFAULT_DATABASE);
		return new EmbeddedPostgresSettings(dataDirectory.toAbsolutePath().normalize(), port, database);
	}

	/**
	 * {@code ~/.cairn-sample/postgres}; as root {@code /var/tmp/cairn-sample/postgres}, since the server
	 * then runs as an unprivileged account that cannot enter root's home (mode 0700).
	 */
	static Path defaultDataDirectory() {
		if (LocalPostgres.runningAsRoot()) {
			return Path.of("/var/tmp", "cairn-sample", "postgres");
		}
		return Path.of(System.getProperty("user.home"), ".cairn-sample", "postgres");
	}

	/** PostgreSQL's own output (initdb, start, stop, server log) goes here, next to the data. */
	Path logFile() {
		return this.dataDirectory.resolveSibling(this.dataDirectory.getFileName() + ".log");
	}

}
