package dev.cairn.core.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Operation;
import dev.cairn.core.Version;

/**
 * One operation with its arguments, as {@code cairn.command}, a {@code POST} to
 * {@code /actuator/migrations} or the command line asks for it. The arguments are kept as
 * given, so that {@link #problems} can name the property, JSON field or option of each mistake.
 *
 * @param operation the operation
 * @param target the version to migrate up to ({@code migrate}) or roll back to ({@code rollback})
 * @param steps how many migrations {@code rollback} undoes, or how many pending ones {@code migrate} applies
 * @param acceptChanges whether {@code repair} accepts drifted and renamed files
 * @param version the version {@code force} records or removes, or {@code baseline} starts at
 * @param applied whether {@code force} records the version as applied (default) or removes it
 */
public record OperationRequest(Operation operation, @Nullable String target, @Nullable Integer steps,
		@Nullable Boolean acceptChanges, @Nullable String version, @Nullable Boolean applied) {

	/** The names of the arguments, as record components and bean properties. */
	public static final List<String> ARGUMENTS = List.of("target", "steps", "acceptChanges", "version", "applied");

	/**
	 * A request without arguments.
	 * @param operation the operation
	 * @return the request
	 */
	public static OperationRequest of(Operation operation) {
		return new OperationRequest(operation, null, null, null, null, null);
	}

	/**
	 * Every mistake in the arguments: a missing one the operation needs, one it would ignore,
	 * a value that is not a version.
	 * @param name how to name an argument in a message ({@code cairn.steps}, {@code steps})
	 * @param operation how to name an operation in a message ({@code cairn.command=rollback})
	 * @return the messages by argument, empty when the request can run
	 */
	public Map<String, String> problems(Function<String, String> name, Function<Operation, String> operation) {
		Map<String, String> problems = new LinkedHashMap<>();
		String named = operation.apply(this.operation);
		for (String argument : ARGUMENTS) {
			if (isSet(argument) && !usedBy(argument).contains(this.operation)) {
				problems.put(argument, name.apply(argument) + " is not used by " + named + ": it is an argument of "
						+ users(argument, operation) + "; remove it");
			}
		}
		switch (this.operation) {
			case MIGRATE -> {
				if (this.steps != null && !isBlank(this.target)) {
					problems.put("steps", named + " takes " + name.apply("steps") + " or " + name.apply("target")
							+ ", not both: set only one of them");
				}
				else if (this.steps != null && this.steps < 1) {
					problems.put("steps", name.apply("steps") + " is " + this.steps
							+ ": apply at least 1 pending migration (leave it unset to apply all of them)");
				}
				else {
					checkVersion(problems, "target", this.target, name);
				}
			}
			case ROLLBACK -> {
				if (this.steps == null && isBlank(this.target)) {
					problems.put("steps", named + " needs " + name.apply("steps") + " (how many of the most recently"
							+ " applied migrations to undo) or " + name.apply("target") + " (the version to go back to,"
							+ " which stays applied)");
				}
				else if (this.steps != null && !isBlank(this.target)) {
					problems.put("steps", named + " takes " + name.apply("steps") + " or " + name.apply("target")
							+ ", not both: set only one of them");
				}
				else if (this.steps != null && this.steps < 1) {
					problems.put("steps", name.apply("steps") + " is " + this.steps + ": roll back at least 1 migration");
				}
				else {
					checkVersion(problems, "target", this.target, name);
				}
			}
			case BASELINE -> requireVersion(problems, named + " needs " + name.apply("version")
					+ ": the version the existing database is at (its last migration)", name);
			case FORCE -> requireVersion(problems, named + " needs " + name.apply("version")
					+ ": the version to record as applied (or to remove, with " + name.apply("applied") + "=false)", name);
			default -> {
			}
		}
		return problems;
	}

	/**
	 * The operations that take an argument, for messages.
	 * @param argument the argument's name
	 * @param operation how to name an operation
	 * @return for example {@code cairn.command=migrate or cairn.command=rollback}
	 */
	public static String users(String argument, Function<Operation, String> operation) {
		return usedBy(argument).stream().map(operation).collect(Collectors.joining(" or "));
	}

	private static List<Operation> usedBy(String argument) {
		return switch (argument) {
			case "target" -> List.of(Operation.MIGRATE, Operation.ROLLBACK);
			case "steps" -> List.of(Operation.MIGRATE, Operation.ROLLBACK);
			case "acceptChanges" -> List.of(Operation.REPAIR);
			case "version" -> List.of(Operation.FORCE, Operation.BASELINE);
			case "applied" -> List.of(Operation.FORCE);
			default -> throw new IllegalArgumentException("No argument " + argument);
		};
	}

	private boolean isSet(String argument) {
		return switch (argument) {
			case "target" -> this.target != null;
			case "steps" -> this.steps != null;
			case "acceptChanges" -> this.acceptChanges != null;
			case "version" -> this.version != null;
			case "applied" -> this.applied != null;
			default -> throw new IllegalArgumentException("No argument " + argument);
		};
	}

	private void requireVersion(Map<String, String> problems, String missing, Function<String, String> name) {
		if (isBlank(this.version)) {
			problems.put("version", missing);
		}
		else {
			checkVersion(problems, "version", this.version, name);
		}
	}

	private static void checkVersion(Map<String, String> problems, String argument, @Nullable String value,
			Function<String, String> name) {
		if (value == null) {
			return;
		}
		try {
			Version.parse(value.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.put(argument, name.apply(argument) + ": " + ex.getMessage() + "; use a version such as 41 or 2.1.3");
		}
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * {@link #target} as a version.
	 * @return the version, or {@code null} when not set
	 */
	public @Nullable Version targetVersion() {
		return isBlank(this.target) ? null : Version.parse(this.target.strip());
	}

	/**
	 * {@link #version} as a version.
	 * @return the version, or {@code null} when not set
	 */
	public @Nullable Version versionValue() {
		return isBlank(this.version) ? null : Version.parse(this.version.strip());
	}

	/** Whether {@code repair} accepts changed files; {@code false} unless set. */
	public boolean isAcceptChanges() {
		return Boolean.TRUE.equals(this.acceptChanges);
	}

	/** Whether {@code force} records the version as applied; {@code true} unless set. */
	public boolean isApplied() {
		return !Boolean.FALSE.equals(this.applied);
	}

}
