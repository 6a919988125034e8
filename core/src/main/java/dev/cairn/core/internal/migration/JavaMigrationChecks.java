package dev.cairn.core.internal.migration;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.Problem;
import dev.cairn.core.Secrets;
import dev.cairn.core.Version;

/**
 * Reads what the plan needs from each registered {@link JavaMigration} once and checks it:
 * a version that parses, a one-line description and checksum, a class whose name stays the
 * same from one build to the next (history compares it). Every problem is collected, each
 * naming the class and saying what to change.
 */
final class JavaMigrationChecks {

	/** Longer descriptions are a paragraph, not a name; history and logs show them on one line. */
	static final int MAX_DESCRIPTION = 200;

	static final int MAX_CHECKSUM = 64;

	private JavaMigrationChecks() {
	}

	record Checked(List<JavaClassMigration> migrations, List<Problem> problems) {
	}

	static Checked check(List<JavaMigration> registered) {
		List<JavaClassMigration> migrations = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		Map<JavaMigration, Boolean> seen = new IdentityHashMap<>();
		for (JavaMigration migration : registered) {
			String className = className(migration.getClass());
			String name = "Java migration " + className;
			if (seen.put(migration, Boolean.TRUE) != null) {
				problems.add(invalid(null, name, name + " is registered twice (the same instance): register it once"));
				continue;
			}
			List<String> mistakes = new ArrayList<>();
			String unstable = unstableName(migration.getClass());
			if (unstable != null) {
				mistakes.add(unstable);
			}
			String versionText = call(migration::version, "version()", mistakes);
			Version version = null;
			if (versionText != null) {
				try {
					version = Version.parse(versionText.strip());
				}
				catch (IllegalArgumentException ex) {
					mistakes.add("version() returned '" + oneLine(versionText) + "': " + ex.getMessage()
							+ "; return a version such as 42, 2.1.3 or 20260521103000");
				}
			}
			String description = call(migration::description, "description()", mistakes);
			if (description != null) {
				description = description.strip();
				lineOfText(description, "description()", MAX_DESCRIPTION, mistakes);
			}
			String checksum = call(migration::checksum, "checksum()", mistakes);
			if (checksum != null) {
				lineOfText(checksum, "checksum()", MAX_CHECKSUM, mistakes);
			}
			Boolean transactional = call(migration::transactional, "transactional()", mistakes);
			Boolean undoable = call(migration::undoable, "undoable()", mistakes);
			if (!mistakes.isEmpty()) {
				problems.add(invalid(version, name, name + ": " + String.join("; ", mistakes)));
				continue;
			}
			migrations.add(new JavaClassMigration(version, description, className, checksum, transactional, undoable,
					migration));
		}
		return new Checked(migrations, problems);
	}

	/**
	 * The class's name as history records it: a proxy's generated suffix ({@code $$SpringCGLIB$$0})
	 * is left out, so proxying a migration bean does not read as a rename.
	 */
	static String className(Class<?> type) {
		String name = type.getName();
		int generated = name.indexOf("$$");
		return (generated > 0) ? name.substring(0, generated) : name;
	}

	private static @Nullable String unstableName(Class<?> type) {
		if (Proxy.isProxyClass(type)) {
			return "it is a JDK dynamic proxy (" + type.getName() + "), whose class name changes from run to run and"
					+ " history records it: register the migration itself (or proxy it by class)";
		}
		if (type.isHidden() || type.isSynthetic()) {
			return "its class " + type.getName() + " is generated, so its name changes from run to run and history"
					+ " records it: make it a named class";
		}
		if (type.isAnonymousClass() || type.isLocalClass()) {
			return "it is an " + (type.isAnonymousClass() ? "anonymous" : "local") + " class (" + type.getName()
					+ "), whose name changes when the code around it does, and history records it: make it a named"
					+ " (top-level or static nested) class";
		}
		return null;
	}

	private static <T> @Nullable T call(Supplier<T> method, String what, List<String> mistakes) {
		T value;
		try {
			value = method.get();
		}
		catch (RuntimeException | LinkageError ex) {
			mistakes.add(what + " threw " + ex.getClass().getSimpleName() + ": " + oneLine(Secrets.mask(ex.getMessage())));
			return null;
		}
		if (value == null) {
			mistakes.add(what + " returned null");
		}
		return value;
	}

	private static void lineOfText(String value, String what, int max, List<String> mistakes) {
		if (value.isBlank()) {
			mistakes.add(what + " is blank: return a short line of text");
		}
		else if (value.length() > max) {
			mistakes.add(what + " is " + value.length() + " characters long: return at most " + max);
		}
		else if (value.chars().anyMatch(Character::isISOControl)) {
			mistakes.add(what + " '" + oneLine(value) + "' contains a line break or another control character:"
					+ " return one line of text");
		}
	}

	private static String oneLine(@Nullable String text) {
		String flat = String.valueOf(text).replaceAll("\\p{Cntrl}", " ").strip();
		return (flat.length() > 80) ? flat.substring(0, 77) + "..." : flat;
	}

	private static Problem invalid(@Nullable Version version, String name, String message) {
		return Problem.error(Problem.Kind.INVALID_JAVA_MIGRATION, version, List.of(name), message);
	}

}
