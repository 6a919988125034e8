package dev.cairn.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PgBouncer (the Debian package {@code pgbouncer}) started on a free port in front of the
 * test server, in one pooling mode, for tests of what Cairn does through a connection pooler.
 *
 * <pre>{@code
 * try (PgBouncer bouncer = PgBouncer.start(PgBouncer.Mode.TRANSACTION)) {
 *     DataSource through = bouncer.dataSource(database);
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #available()} says whether it can run here (the binary is installed and the test
 * server is reached over TCP); a test calls it first and skips with {@link #unavailableReason()}
 * otherwise. Started as root, it drops to the {@code postgres} user, as PgBouncer refuses to run
 * as root. {@link #close} stops it and removes its files.
 */
public final class PgBouncer implements AutoCloseable {

	/** PgBouncer's {@code pool_mode}. */
	public enum Mode {

		/** A server connection per client connection, for the client's whole session. */
		SESSION,

		/** A server connection per transaction: session state, such as advisory locks, does not follow the client. */
		TRANSACTION,

		/** A server connection per statement: transactions of several statements are refused. */
		STATEMENT

	}

	private static final List<String> BINARIES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
			"/usr/local/bin/pgbouncer");

	private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/[^?]*(\\?.*)?");

	private final Process process;

	private final Path directory;

	private final int port;

	private final Mode mode;

	private final String parameters;

	private PgBouncer(Process process, Path directory, int port, Mode mode, String parameters) {
		this.process = process;
		this.directory = directory;
		this.port = port;
		this.mode = mode;
		this.parameters = parameters;
	}

	/** Whether PgBouncer can be started here. */
	public static boolean available() {
		return unavailableReason() == null;
	}

	/** Why PgBouncer cannot be started here, or null when it can. */
	public static String unavailableReason() {
		if (binary() == null) {
			return "pgbouncer is not installed (apt-get install pgbouncer; .ci/run installs it)";
		}
		if (!SERVER.matcher(TestDatabase.urlFor("postgres")).matches()) {
			return "the test server's URL " + TestDatabase.urlFor("postgres") + " has no host and port to put PgBouncer"
					+ " in front of";
		}
		return null;
	}

	private static Path binary() {
		for (String each : BINARIES) {
			Path path = Path.of(each);
			if (Files.isExecutable(path)) {
				return path;
			}
		}
		return null;
	}

	/**
	 * Starts PgBouncer on a free port and waits until it accepts connections.
	 * @param mode its pooling mode
	 * @return the running PgBouncer
	 * @throws IllegalStateException when it is not available or does not start
	 */
	public static PgBouncer start(Mode mode) {
		String reason = unavailableReason();
		if (reason != null) {
			throw new IllegalStateException(reason);
		}
		Matcher server = SERVER.matcher(TestDatabase.urlFor("postgres"));
		server.matches();
		String host = server.group(1);
		String serverPort = (server.group(2) != null) ? server.group(2) : "5432";
		String parameters = (server.group(3) != null) ? server.group(3) : "";
		String user = user(parameters);
		try {
			Path directory = Files.createTempDirectory("cairn-pgbouncer");
			int port = freePort();
			String ini = "[databases]\n* = host=" + host + " port=" + serverPort + "\n\n[pgbouncer]\n"
					+ "listen_addr = 127.0.0.1\nlisten_port = " + port + "\nunix_socket_dir =\n"
					+ "auth_type = trust\nauth_file = " + directory.resolve("users.txt") + "\n"
					+ "pool_mode = " + mode.name().toLowerCase(Locale.ROOT) + "\n"
					+ "max_client_conn = 200\ndefault_pool_size = 20\n"
					+ "ignore_startup_parameters = extra_float_digits,options\n"
					+ "logfile = " + directory.resolve("pgbouncer.log") + "\n"
					+ "pidfile = " + directory.resolve("pgbouncer.pid") + "\n";
			Files.writeString(directory.resolve("pgbouncer.ini"), ini, StandardCharsets.UTF_8);
			Files.writeString(directory.resolve("users.txt"), "\"" + user + "\" \"\"\n", StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
			for (String file : List.of("pgbouncer.ini", "users.txt")) {
				Files.setPosixFilePermissions(directory.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
			}
			List<String> command = new ArrayList<>(List.of(binary().toString()));
			if ("root".equals(System.getProperty("user.name"))) {
				command.addAll(List.of("-u", "postgres"));
			}
			command.add(directory.resolve("pgbouncer.ini").toString());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(directory.resolve("stdout.txt").toFile())
				.start();
			PgBouncer bouncer = new PgBouncer(process, directory, port, mode, parameters);
			bouncer.awaitReady();
			return bouncer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start pgbouncer", ex);
		}
	}

	private static String user(String parameters) {
		Matcher user = Pattern.compile("[?&]user=([^&]+)").matcher(parameters);
		return user.find() ? user.group(1) : System.getProperty("user.name");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("pgbouncer exited at once: " + log());
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				return;
			}
			catch (IOException ex) {
				sleep(50);
			}
		}
		close();
		throw new IllegalStateException("pgbouncer did not accept connections within 20 s: " + log());
	}

	/** Its pooling mode. */
	public Mode mode() {
		return this.mode;
	}

	/** The port it listens on, on 127.0.0.1. */
	public int port() {
		return this.port;
	}

	/**
	 * The JDBC URL of a database through PgBouncer, with the test server's login parameters.
	 * @param database the database's name
	 * @return the URL
	 */
	public String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database + this.parameters;
	}

	/**
	 * A DataSource for the same database as {@code direct}, through PgBouncer.
	 * @param direct a DataSource of the test server, as {@link TestDatabase#createDatabase()} gives
	 * @return one through PgBouncer
	 */
	public PGSimpleDataSource dataSource(PGSimpleDataSource direct) {
		PGSimpleDataSource through = new PGSimpleDataSource();
		through.setUrl(url(direct.getDatabaseName()));
		return through;
	}

	/** Opens a connection through PgBouncer, for checks in a test. */
	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(url(database));
	}

	/** What PgBouncer logged, for failure messages. */
	public String log() {
		try {
			Path log = this.directory.resolve("pgbouncer.log");
			Path stdout = this.directory.resolve("stdout.txt");
			return (Files.exists(stdout) ? Files.readString(stdout) : "")
					+ (Files.exists(log) ? Files.readString(log) : "");
		}
		catch (IOException ex) {
			return "(log unreadable: " + ex.getMessage() + ")";
		}
	}

	/** Stops PgBouncer (its server connections end with it) and removes its files. */
	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: left for the OS
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for pgbouncer", ex);
		}
	}

}
