package dev.cairn.core.internal.scan;

import java.util.List;

import dev.cairn.core.MigrationLayout;

/**
 * Plain versioned scripts, as many projects keep their upgrade scripts: {@code 2024010100.sql},
 * {@code 2.13.6.sql}, {@code 42_add_orders.sql}. Each file is one up script; there are no down
 * scripts. A file carrying goose's or dbmate's section markers is refused, so a whole file with
 * its down section is never run by mistake.
 */
final class PlainLayout implements Layout {

	@Override
	public MigrationLayout setting() {
		return MigrationLayout.PLAIN;
	}

	@Override
	public List<LayoutEntry> read(ScannedFile file) {
		MigrationFileName name = parse(file.fileName());
		if (name == null) {
			throw LayoutException.name("plain scripts are named by their version, as in 2024010100.sql, 2.13.6.sql or"
					+ " 42_add_orders.sql: rename the file, or set the location's layout to what it follows");
		}
		String tool = sectionMarkers(file.content());
		if (tool != null) {
			throw LayoutException.content("the file has " + tool + "'s section markers, so running it whole would run"
					+ " its down section too: set the location's layout to " + tool + " (or auto)", 1);
		}
		return List.of(new LayoutEntry(name, file));
	}

	static MigrationFileName parse(String fileName) {
		return VersionedName.parse(fileName, MigrationFileName.Layout.PLAIN, true, true);
	}

	/** Which single-file tool's up or down section markers a file holds on a line of their own, if any. */
	static String sectionMarkers(byte[] content) {
		boolean goose = Lines.mayHold(content, "+goose");
		boolean dbmate = Lines.mayHold(content, "migrate:");
		if (!goose && !dbmate) {
			return null;
		}
		Lines lines = new Lines(content);
		for (int i = 0; i < lines.count(); i++) {
			if (!lines.isComment(i)) {
				continue;
			}
			// Only the section markers themselves: a comment that merely mentions a tool is no reason to refuse.
			String text = lines.text(i).toLowerCase(java.util.Locale.ROOT);
			if (goose && text.startsWith(GooseLayout.MARKER)) {
				String annotation = text.substring(GooseLayout.MARKER.length()).strip();
				if (annotation.equals("up") || annotation.equals("down")) {
					return "goose";
				}
			}
			if (dbmate && DbmateLayout.isMarker(text)) {
				String marker = text.substring(text.indexOf(':') + 1).strip();
				if (marker.equals("up") || marker.equals("down") || marker.startsWith("up ") || marker.startsWith("down ")) {
					return "dbmate";
				}
			}
		}
		return null;
	}

}
