package dev.cairn.core.internal.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.CairnConfigurationException;

/**
 * Checks a fleet's tenant names before anything runs, so that a bad name never reaches the
 * server: PostgreSQL silently truncates a name longer than 63 bytes (two tenants could then
 * share one schema) and refuses to create {@code pg_} schemas; the engine takes plain
 * identifiers only as a schema, and refuses a history table whose name differs from an
 * existing one only in case (so of two tenants {@code acme} and {@code Acme}, the second would
 * fail when it ran).
 */
public final class TenantNames {

	/** PostgreSQL's NAMEDATALEN - 1. */
	static final int MAX_BYTES = 63;

	private static final int NAMED = 10;

	/** What the engine takes as a schema (see CairnConfiguration). */
	private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/** What a database tenant's name may hold: nothing that changes a URL beyond its database. */
	private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

	private TenantNames() {
	}

	/**
	 * The names in their order, without duplicates.
	 * @param names as the tenant source gave them
	 * @param where what gave them, for the message (such as {@code the tenant query})
	 * @throws CairnConfigurationException naming the bad names (the first ten) and why
	 */
	public static List<String> check(List<String> names, String where) {
		return check(names, where, false);
	}

	/**
	 * The names of a fleet of one database per tenant in their order, without duplicates.
	 * Names that differ only in case are two tenants here: their histories are in two
	 * databases.
	 * @throws CairnConfigurationException naming the bad names (the first ten) and why
	 */
	public static List<String> checkDatabases(List<String> names, String where) {
		return check(names, where, true);
	}

	private static List<String> check(List<String> names, String where, boolean databases) {
		Map<String, String> unique = new LinkedHashMap<>();
		List<String> mistakes = new ArrayList<>();
		for (String name : names) {
			String mistake = databases ? databaseMistake(name) : mistake(name);
			if (mistake != null) {
				mistakes.add(mistake);
				continue;
			}
			String earlier = unique.putIfAbsent(databases ? name : name.toLowerCase(Locale.ROOT), name);
			if (earlier != null && !earlier.equals(name)) {
				mistakes.add("'" + earlier + "' and '" + name + "' differ only in case: Cairn refuses history tables"
						+ " whose names differ only in case, so the second would fail; rename one schema");
			}
		}
		if (!mistakes.isEmpty()) {
			throw new CairnConfigurationException("Invalid tenant " + (databases ? "database" : "schema") + " names from "
					+ where + " (nothing was run):\n  - "
					+ String.join("\n  - ", mistakes.stream().limit(NAMED).toList())
					+ ((mistakes.size() > NAMED) ? "\n  - and " + (mistakes.size() - NAMED) + " more" : ""));
		}
		return List.copyOf(unique.values());
	}

	/** Why one name cannot be a tenant's schema, null if it can. */
	public static @Nullable String mistake(@Nullable String name) {
		String common = commonMistake(name, "schema");
		if (common != null) {
			return common;
		}
		if (!PLAIN.matcher(name).matches()) {
			return "'" + name + "' is not a plain PostgreSQL identifier: a tenant's schema takes letters, digits and"
					+ " '_', starting with a letter or '_' (rename the schema, or leave it out of the tenants)";
		}
		if (name.startsWith("pg_") || name.equals("information_schema")) {
			return "'" + name + "' is a system schema name (pg_* and information_schema are reserved): a tenant"
					+ " needs a schema of its own";
		}
		return null;
	}

	/**
	 * Why one name cannot be a tenant of a fleet of databases, null if it can: it goes into a
	 * URL template, so only characters that cannot add a host, a path or a parameter.
	 */
	public static @Nullable String databaseMistake(@Nullable String name) {
		String common = commonMistake(name, "database");
		if (common != null) {
			return common;
		}
		if (!DATABASE.matcher(name).matches()) {
			return "'" + name + "' is not a tenant database name Cairn takes: letters, digits, '_', '.' and '-',"
					+ " starting with a letter, a digit or '_' (it goes into the tenant URL; map other names to"
					+ " DataSources in a TenantDatabases bean)";
		}
		if (name.equals("template0") || name.equals("template1")) {
			return "'" + name + "' is a template database: a tenant needs a database of its own";
		}
		return null;
	}

	private static @Nullable String commonMistake(@Nullable String name, String kind) {
		if (name == null) {
			return "a NULL name: every tenant needs its " + kind + "'s name";
		}
		if (name.isBlank()) {
			return "a blank name '" + name + "': every tenant needs its " + kind + "'s name";
		}
		if (name.indexOf('\0') >= 0) {
			return "'" + name.replace("\0", "\\0") + "' contains a NUL character, which PostgreSQL names cannot hold";
		}
		int bytes = name.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_BYTES) {
			return "'" + name + "' is " + bytes + " bytes long: PostgreSQL cuts names after " + MAX_BYTES
					+ " bytes, so two tenants could share one " + kind + "; use shorter " + kind + " names";
		}
		return null;
	}

}
