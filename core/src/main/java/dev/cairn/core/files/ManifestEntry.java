package dev.cairn.core.files;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * One line of a {@link Manifest}: a migration file with its version and checksum.
 *
 * @param version the version, {@code null} for a repeatable file
 * @param late whether the file was knowingly added below the highest version listed before it
 * (a branch merged late); only meaningful for up files
 * @param checksum SHA-256 as the runtime computes it, 64 lower-case hex digits
 * @param script the path relative to the migrations folder, with {@code /} separators
 */
public record ManifestEntry(@Nullable Version version, boolean late, String checksum, String script) {

	/** Whether the entry lists an up file (not a down file, not a repeatable one). */
	public boolean isUp() {
		String name = this.script.substring(this.script.lastIndexOf('/') + 1);
		return this.version != null && (name.startsWith("V") || name.toLowerCase(java.util.Locale.ROOT).endsWith(".up.sql"));
	}

	static ManifestEntry of(FolderFile file, boolean late) {
		return new ManifestEntry(file.version(), late, file.checksum(), file.script());
	}

}
