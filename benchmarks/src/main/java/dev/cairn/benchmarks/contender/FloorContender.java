package dev.cairn.benchmarks.contender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.cairn.benchmarks.corpus.Corpus;

/**
 * The floor: the least a migration runner can do with plain JDBC. List the files, read which
 * versions are recorded, then for each pending file in version order, with auto-commit off,
 * execute the file as one JDBC statement (the PostgreSQL driver splits it into statements and
 * sends them together), insert one history row and commit. No lock, no checksums, no
 * validation, no logging.
 */
final class FloorContender implements Contender {

	@Override
	public String name() {
		return "Floor";
	}

	@Override
	public String historyCountQuery() {
		return "SELECT count(*) FROM floor_history";
	}

	@Override
	public void migrate(String jdbcUrl, Corpus corpus) throws SQLException, IOException {
		Map<Long, Path> files = files(corpus.golangDir());
		try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
			Set<Long> applied = applied(connection);
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement();
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO floor_history (version, script) VALUES (?, ?)")) {
				for (Map.Entry<Long, Path> file : files.entrySet()) {
					if (applied.contains(file.getKey())) {
						continue;
					}
					statement.execute(Files.readString(file.getValue()));
					insert.setLong(1, file.getKey());
					insert.setString(2, file.getValue().getFileName().toString());
					insert.executeUpdate();
					connection.commit();
				}
			}
		}
	}

	/** Version to file, ascending; names are {@code 000042_description.up.sql}. */
	private static Map<Long, Path> files(Path dir) throws IOException {
		Map<Long, Path> files = new TreeMap<>();
		try (Stream<Path> paths = Files.list(dir)) {
			paths.forEach((path) -> {
				String name = path.getFileName().toString();
				if (name.endsWith(".up.sql")) {
					files.put(Long.parseLong(name.substring(0, name.indexOf('_'))), path);
				}
			});
		}
		return files;
	}

	private static Set<Long> applied(Connection connection) throws SQLException {
		Set<Long> applied = new HashSet<>();
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS floor_history (version bigint PRIMARY KEY, script text NOT NULL,"
					+ " applied_at timestamptz NOT NULL DEFAULT now())");
			try (ResultSet result = statement.executeQuery("SELECT version FROM floor_history")) {
				while (result.next()) {
					applied.add(result.getLong(1));
				}
			}
		}
		return applied;
	}

}
