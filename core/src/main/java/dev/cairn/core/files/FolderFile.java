package dev.cairn.core.files;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * One migration file of a folder.
 *
 * @param script its path relative to the folder, with {@code /} separators
 * @param kind up, down or repeatable
 * @param layout the naming convention its name follows
 * @param version its version, {@code null} for a repeatable file
 * @param versionText the version as written in the name ({@code 000042}, {@code 2_1}), empty for a repeatable file
 * @param checksum the SHA-256 the runtime compares (after removing a BOM and turning CRLF into LF), lower-case hex
 */
public record FolderFile(String script, Kind kind, Layout layout, @Nullable Version version, String versionText,
		String checksum) {

	/** The file name without folders. */
	public String fileName() {
		int slash = this.script.lastIndexOf('/');
		return (slash >= 0) ? this.script.substring(slash + 1) : this.script;
	}

	/** What a file does. */
	public enum Kind {

		/** Applies a version. */
		UP,

		/** Undoes a version ({@code .down.sql} or {@code U} file). */
		DOWN,

		/** Re-applied whenever it changes ({@code R__}). */
		REPEATABLE,

		/**
		 * Installs an empty database at its version ({@code B42__} or {@code .snapshot.sql}); it may
		 * be rewritten as the schema grows, so the manifest does not treat an edit as one to a merged migration.
		 */
		SNAPSHOT

	}

	/** The naming convention of a file. */
	public enum Layout {

		/** {@code 000042_add_orders.up.sql} and {@code .down.sql}. */
		GOLANG_MIGRATE,

		/** {@code V42__add_orders.sql}, {@code U42__add_orders.sql}, {@code R__views.sql}. */
		FLYWAY

	}

}
