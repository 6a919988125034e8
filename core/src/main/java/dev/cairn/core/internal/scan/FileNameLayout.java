package dev.cairn.core.internal.scan;

import java.util.List;

import dev.cairn.core.MigrationLayout;

/**
 * golang-migrate's and Flyway's layouts, one file per script, told apart by the name alone (see
 * {@link MigrationFileName}). Under {@code auto} both may share a folder, as they always could;
 * naming one refuses the other's files.
 */
record FileNameLayout(MigrationLayout setting) implements Layout {

	@Override
	public List<LayoutEntry> read(ScannedFile file) {
		MigrationFileName name;
		try {
			name = MigrationFileName.parse(file.fileName());
		}
		catch (IllegalArgumentException ex) {
			throw LayoutException.name(ex.getMessage());
		}
		if (this.setting == MigrationLayout.GOLANG_MIGRATE && name.layout() != MigrationFileName.Layout.GOLANG_MIGRATE) {
			throw LayoutException.name("the location's layout is golang-migrate, whose names look like"
					+ " 000042_add_orders.up.sql: rename the file, or set the location's layout to auto");
		}
		if (this.setting == MigrationLayout.FLYWAY && name.layout() != MigrationFileName.Layout.FLYWAY) {
			throw LayoutException.name("the location's layout is flyway, whose names look like V42__add_orders.sql:"
					+ " rename the file, or set the location's layout to auto");
		}
		// An indexed file is read when it runs, not on every start (see Layouts#allByName).
		String tool = file.indexed() ? null : PlainLayout.sectionMarkers(file.content());
		if (tool != null) {
			// goose reads any NNN_name.sql, .up.sql included: running such a file whole would run its down section.
			throw LayoutException.content("the file has " + tool + "'s section markers, so running it whole would run"
					+ " its down section too: rename it as " + tool + " names its files (and set the location's layout to"
					+ " " + tool + " or auto), or remove the markers", 1);
		}
		return List.of(new LayoutEntry(name, file));
	}

}
