package dev.cairn.core.internal.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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

	private TenantNames() {
	}

	/**
	 * The names in their order, without duplicates.
	 * @param names as the tenant source gave them
	 * @param where what gave them, for the message (such as {@code the tenant query})
	 * @throws CairnConfigurationException naming the bad names (the first ten) and why
	 */
	public static List<String> check(List<String> names, String where) {
		Map<String, String> unique = new LinkedHashMap<>();
		List<String> mistakes = new ArrayList<>();
		for (String name : names) {
			String mistake = mistake(name);
			if (mistake != null) {
				mistakes.add(mistake);
				continue;
			}
			String earlier = unique.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
			if (earlier != null && !earlier.equals(name)) {
				mistakes.add("'" + earlier + "' and '" + name + "' differ only in case: Cairn refuses history tables"
						+ " whose names differ only in case, so the second would fail; rename one schema");
			}
		}
		if (!mistakes.isEmpty()) {
			throw new CairnConfigurationException("Invalid tenant schema names from " + where + " (nothing was run):\n  - "
					+ String.join("\n  - ", mistakes.stream().limit(NAMED).toList())
					+ ((mistakes.size() > NAMED) ? "\n  - and " + (mistakes.size() - NAMED) + " more" : ""));
		}
		return List.copyOf(unique.values());
	}

	/** Why one name cannot be a tenant's schema, null if it can. */
	public static @org.jspecify.annotations.Nullable String mistake(@org.jspecify.annotations.Nullable String name) {
		if (name == null) {
			return "a NULL name: every tenant needs its schema's name";
		}
		if (name.isBlank()) {
			return "a blank name '" + name + "': every tenant needs its schema's name";
		}
		if (name.indexOf('\0') >= 0) {
			return "'" + name.replace("\0", "\\0") + "' contains a NUL character, which PostgreSQL names cannot hold";
		}
		int bytes = name.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_BYTES) {
			return "'" + name + "' is " + bytes + " bytes long: PostgreSQL cuts names after " + MAX_BYTES
					+ " bytes, so two tenants could share one schema; use shorter schema names";
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

}
