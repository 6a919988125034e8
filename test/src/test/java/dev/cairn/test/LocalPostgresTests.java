package dev.cairn.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server starts for whoever runs the tests, root included (then as an unprivileged
 * account), keeps a data directory it is asked to keep, and deletes a temporary one.
 */
class LocalPostgresTests {

	@Test
	void startsAsTheJvmsUserOrAsAnUnprivilegedAccountForRootAndKeepsAKeptDataDirectory(@TempDir Path temp)
			throws Exception {
		Path data = Files.createDirectories(temp.resolve("open")).resolve("pg");
		Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(data.getParent(),
				PosixFilePermissions.fromString("rwxr-xr-x"));
		try (LocalPostgres server = LocalPostgres
			.start(new LocalPostgres.Options().dataDirectory(data, true).log(temp.resolve("pg.log")))) {
			assertThat(queryOne(server, "SELECT current_user")).isEqualTo("postgres");
			long backend = Long.parseLong(queryOne(server, "SELECT pg_backend_pid()"));
			// The backend's owner, from /proc where there is one (ProcessHandle.info() may not say for another user's process).
			Path proc = Path.of("/proc", Long.toString(backend));
			String processUser = Files.exists(proc) ? Files.getOwner(proc).getName()
					: ProcessHandle.of(backend).flatMap((process) -> process.info().user()).orElse(null);
			if (LocalPostgres.runningAsRoot()) {
				assertThat(server.runsAs()).isEqualTo(LocalPostgres.account());
				assertThat(processUser).isIn(LocalPostgres.account(), null);
				if (Files.exists(proc)) {
					assertThat(processUser).isEqualTo(LocalPostgres.account());
				}
				assertThat(Files.getOwner(data).getName()).isEqualTo(LocalPostgres.account());
			}
			else {
				assertThat(server.runsAs()).isNull();
				assertThat(processUser).isIn(System.getProperty("user.name"), null);
			}
		}
		assertThat(data.resolve("PG_VERSION")).exists();
		// A second start reuses the cluster instead of initialising it again.
		try (LocalPostgres again = LocalPostgres.start(new LocalPostgres.Options().dataDirectory(data, true))) {
			assertThat(queryOne(again, "SELECT 'reused'")).isEqualTo("reused");
		}
	}

	@Test
	void aServerWithoutADataDirectoryLeavesNoFolderBehind() throws Exception {
		LocalPostgres server = LocalPostgres.start(new LocalPostgres.Options());
		String folder = queryOne(server, "SHOW data_directory");
		server.close();
		assertThat(Path.of(folder)).doesNotExist();
	}

	@Test
	void asRootADataDirectoryTheAccountCannotReachIsRefusedBeforeAnythingRuns(@TempDir Path temp) throws Exception {
		org.junit.jupiter.api.Assumptions.assumeTrue(LocalPostgres.runningAsRoot(), "only root hands the server to another account");
		Path closed = Files.createDirectories(temp.resolve("closed"));
		Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
		Path data = closed.resolve("pg");
		org.assertj.core.api.Assertions.assertThatIOException()
			.isThrownBy(() -> LocalPostgres.start(new LocalPostgres.Options().dataDirectory(data, true)))
			.withMessageContaining("cannot enter " + closed)
			.withMessageContaining("choose a folder outside it");
		assertThat(data.resolve("PG_VERSION")).doesNotExist();
	}

	private static String queryOne(LocalPostgres server, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"));
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getString(1);
		}
	}

}
