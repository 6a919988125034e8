package dev.cairn.core.internal.migration;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.MigrationType;
import dev.cairn.core.Version;

/**
 * A registered {@link JavaMigration}, its version, description and checksum read and checked
 * once (by {@link JavaMigrationChecks}), so the plan never calls into user code again.
 *
 * @param version the version
 * @param description the description
 * @param className the class's name without a proxy's generated suffix: what history records as
 * the script, and what a rename is detected by
 * @param checksum what the class says its checksum is
 * @param instance the migration
 */
public record JavaClassMigration(Version version, String description, String className, String checksum,
		boolean transactional, boolean undoable, JavaMigration instance) implements Migration {

	@Override
	public String script() {
		return this.className;
	}

	@Override
	public String displayName() {
		return "Java migration " + this.className;
	}

	@Override
	public String identity() {
		return this.className;
	}

	@Override
	public @Nullable String undoName() {
		return this.undoable ? this.className + ".undo" : null;
	}

	@Override
	public PreparedJava prepare() {
		return new PreparedJava(this, false);
	}

	@Override
	public PreparedJava prepareUndo() {
		if (!this.undoable) {
			throw new IllegalStateException(displayName() + " cannot be undone");
		}
		return new PreparedJava(this, true);
	}

	/** How history records it. */
	public MigrationType type() {
		return this.transactional ? MigrationType.JAVA : MigrationType.JAVA_NO_TRANSACTION;
	}

}
