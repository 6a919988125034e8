package dev.cairn.core.internal.scan;

import java.util.Set;

/**
 * Turns a section of a single-file layout into the entry of one script.
 */
final class Sections {

	private Sections() {
	}

	static LayoutEntry entry(ScannedFile file, MigrationFileName name, MigrationFileName.Kind kind, Lines lines,
			int marker, int to, Set<Integer> blank, boolean noTransaction) {
		byte[] section = lines.section(marker, to, blank, noTransaction);
		return new LayoutEntry(new MigrationFileName(kind, name.layout(), name.version(), name.description()),
				new ScannedFile(file.location(), file.name(), section));
	}

}
