package dev.cairn.core;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a run does: the operations of {@link Cairn}, as listener events, {@code cairn.command},
 * the endpoint's write operations and the command line name them.
 */
public enum Operation {

	/** Apply pending migrations, up to a target version if one is given. */
	MIGRATE,

	/** Report every migration's state, the rollback order and every problem. */
	STATUS,

	/** Report every problem a migrate run would stop on. */
	VALIDATE,

	/** Run pending migrations in a transaction that is rolled back. */
	DRY_RUN,

	/** Undo a number of migrations, most recently applied first, or those above a target version. */
	ROLLBACK,

	/** Remove failed and in-progress rows, and accept changed files if asked to. */
	REPAIR,

	/** Record the migrations up to a version as applied without running them. */
	BASELINE,

	/** Record a version as applied, or remove it, without running SQL. */
	FORCE;

	/**
	 * The operation as written in properties, JSON and on the command line: lower case with
	 * dashes ({@code dry-run}).
	 * @return the name
	 */
	public String externalName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The external name, so that lists of the operations read as users type them (Spring Boot's
	 * report of an unknown {@code cairn.command} lists the constants this way).
	 * @return {@link #externalName()}
	 */
	@Override
	public String toString() {
		return externalName();
	}

	/**
	 * The operation a property value, a JSON field or an argument names, in any case, with
	 * dashes or underscores.
	 * @param value the value
	 * @return the operation, or {@code null} if none has that name
	 */
	public static @Nullable Operation of(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String name = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
		for (Operation operation : values()) {
			if (operation.name().equals(name)) {
				return operation;
			}
		}
		return null;
	}

}
