package dev.cairn.core.internal.scan;

/**
 * One script of a migration as a layout read it.
 *
 * @param name what the script is: up or down, its version and description
 * @param file the script: the file itself, or for a section of a file, the file's name with the
 *     section's bytes (lines outside the section emptied, so line numbers stay the file's)
 */
public record LayoutEntry(MigrationFileName name, ScannedFile file) {

}
