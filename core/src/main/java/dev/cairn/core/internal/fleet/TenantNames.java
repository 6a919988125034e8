package dev.cairn.core.internal.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.cairn.core.CairnConfigurationException;

/**
 * Checks a fleet's tenant names before anything runs, so that a bad name never reaches the
 * server: PostgreSQL silently truncates a name longer than 63 bytes (two tenants could then
 * share one schema) and refuses to create {@code pg_} schemas.
 */
public final class TenantNames {

	/** PostgreSQL's NAMEDATALEN - 1. */
	static final int MAX_BYTES = 63;

	private static final int NAMED = 10;

	private TenantNames() {
	}

	/**
	 * The names in their order, without duplicates.
	 * @param names as the tenant source gave them
	 * @param where what gave them, for the message (such as {@code the tenant query})
	 * @throws CairnConfigurationException naming the bad names (the first ten) and why
	 */
	public static List<String> check(List<String> names, String where) {
		Set<String> unique = new LinkedHashSet<>();
		List<String> mistakes = new ArrayList<>();
		for (String name : names) {
			String mistake = mistake(name);
			if (mistake != null) {
				mistakes.add(mistake);
			}
			else {
				unique.add(name);
			}
		}
		if (!mistakes.isEmpty()) {
			throw new CairnConfigurationException("Invalid tenant schema names from " + where + " (nothing was run):\n  - "
					+ String.join("\n  - ", mistakes.stream().limit(NAMED).toList())
					+ ((mistakes.size() > NAMED) ? "\n  - and " + (mistakes.size() - NAMED) + " more" : ""));
		}
		return List.copyOf(unique);
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
		if (name.startsWith("pg_") || name.equals("information_schema")) {
			return "'" + name + "' is a system schema name (pg_* and information_schema are reserved): a tenant"
					+ " needs a schema of its own";
		}
		return null;
	}

}
