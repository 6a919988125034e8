package dev.cairn.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.flywaydb.core.Flyway;

import dev.cairn.core.Cairn;

/** The machine, the load on it and the versions under test, for the report's header. */
final class Environment {

	private Environment() {
	}

	static List<String> describe(String adminUrl) {
		Runtime runtime = Runtime.getRuntime();
		List<String> lines = new ArrayList<>();
		lines.add("Machine: " + cpuModel() + ", " + runtime.availableProcessors() + " cores, "
				+ memory() + " RAM; " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
		lines.add("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
				+ " (child JVMs use its default settings: G1, heap sized by the JVM)");
		lines.add("PostgreSQL: " + serverVersion(adminUrl) + " on " + hostOf(adminUrl));
		lines.add("Versions: Cairn " + orUnknown(Cairn.class.getPackage().getImplementationVersion()) + ", Flyway "
				+ resource(Flyway.class, "/org/flywaydb/core/internal/version.txt") + " (with flyway-database-postgresql)"
				+ ", Liquibase " + liquibaseVersion() + ", PostgreSQL JDBC "
				+ orUnknown(org.postgresql.Driver.class.getPackage().getImplementationVersion()));
		return lines;
	}

	/** The 1, 5 and 15 minute load averages, or "unknown" where /proc is missing. */
	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(System.getProperty("os.arch"));
		}
		catch (IOException ex) {
			return System.getProperty("os.arch");
		}
	}

	private static String memory() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kb = Long.parseLong(line.replaceAll("\\D", ""));
					return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Fall through.
		}
		return "unknown";
	}

	private static String serverVersion(String url) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW server_version")) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	private static String hostOf(String url) {
		int start = url.indexOf("//") + 2;
		int end = url.indexOf('/', start);
		return (start >= 2 && end > start) ? url.substring(start, end) : url;
	}

	private static String liquibaseVersion() {
		Properties properties = new Properties();
		try (InputStream in = liquibase.Scope.class.getResourceAsStream("/liquibase.build.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// Fall through.
		}
		return orUnknown(properties.getProperty("build.version"));
	}

	private static String resource(Class<?> type, String name) {
		try (InputStream in = type.getResourceAsStream(name)) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8).trim() : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String orUnknown(String value) {
		return (value != null) ? value : "unknown";
	}

}
