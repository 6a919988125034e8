package dev.cairn.benchmarks.contender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.cairn.benchmarks.corpus.Corpus;

/**
 * The floor reading the same jar: list its {@code db/migrations/*.up.sql} entries, read which
 * versions are recorded, run what is pending as {@link FloorContender} does. No lock, no
 * checksums, no validation.
 */
final class FloorJarContender implements Contender {

	private static final String FOLDER = "db/migrations/";

	@Override
	public String name() {
		return "FloorJar";
	}

	@Override
	public String historyCountQuery() {
		return "SELECT count(*) FROM floor_history";
	}

	@Override
	public void migrate(String jdbcUrl, Corpus corpus) throws SQLException, IOException {
		try (JarFile jar = new JarFile(corpus.jar().toFile())) {
			Map<Long, JarEntry> files = new TreeMap<>();
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				String name = entry.getName();
				if (name.startsWith(FOLDER) && name.endsWith(".up.sql")) {
					String file = name.substring(FOLDER.length());
					files.put(Long.parseLong(file.substring(0, file.indexOf('_'))), entry);
				}
			}
			try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
				Set<Long> applied = applied(connection);
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement();
						PreparedStatement insert = connection
							.prepareStatement("INSERT INTO floor_history (version, script) VALUES (?, ?)")) {
					for (Map.Entry<Long, JarEntry> file : files.entrySet()) {
						if (applied.contains(file.getKey())) {
							continue;
						}
						statement.execute(new String(jar.getInputStream(file.getValue()).readAllBytes(), StandardCharsets.UTF_8));
						insert.setLong(1, file.getKey());
						insert.setString(2, file.getValue().getName().substring(FOLDER.length()));
						insert.executeUpdate();
						connection.commit();
					}
				}
			}
		}
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
