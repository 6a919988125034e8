package dev.cairn.core.internal.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the pending migrations linted so far did, in order: tables they created (a rule never
 * reports a table created earlier in the same pending set: it is new and empty), constraints
 * added {@code NOT VALID} in the current transaction, and {@code CHECK (column IS NOT NULL)}
 * constraints validated (after which {@code SET NOT NULL} skips its scan).
 *
 * <p>Names are compared as written, lower-cased unless quoted, with a leading {@code public.}
 * dropped, so {@code orders} and {@code public.orders} are one table.
 */
final class Scope {

	private final Set<String> created = new HashSet<>();

	/** table:constraint added NOT VALID in this transaction, to its checked column (or ""). */
	private final Map<String, String> notValidHere = new HashMap<>();

	/** table:constraint added NOT VALID in an earlier transaction, to its checked column (or ""). */
	private final Map<String, String> notValidEarlier = new HashMap<>();

	private final Set<String> validatedNotNull = new HashSet<>();

	static String key(String name) {
		return name.startsWith("public.") ? name.substring("public.".length()) : name;
	}

	void created(String table) {
		if (!table.isEmpty()) {
			this.created.add(key(table));
		}
	}

	boolean isCreated(String table) {
		return this.created.contains(key(table));
	}

	/** A transaction ended (a transactional file, or each statement of a no-transaction one). */
	void transactionEnded() {
		this.notValidEarlier.putAll(this.notValidHere);
		this.notValidHere.clear();
	}

	void addedNotValid(String table, String constraint, @Nullable String column) {
		this.notValidHere.put(key(table) + ":" + constraint, (column != null) ? column : "");
	}

	boolean addedNotValidInThisTransaction(String table, String constraint) {
		return this.notValidHere.containsKey(key(table) + ":" + constraint);
	}

	void validated(String table, String constraint) {
		String column = this.notValidEarlier.get(key(table) + ":" + constraint);
		if (column != null && !column.isEmpty()) {
			this.validatedNotNull.add(key(table) + ":" + column);
		}
	}

	boolean hasValidatedNotNull(String table, String column) {
		return this.validatedNotNull.contains(key(table) + ":" + column);
	}

}
