package dev.cairn.core.internal.scan;

import java.util.List;

import dev.cairn.core.MigrationLayout;

/**
 * One tool's way of naming migration files and cutting them into up and down scripts. A layout
 * that keeps both directions in one file (goose, dbmate) turns each section into a script of its
 * own that keeps the file's line numbers, so parse and server errors point at the real line.
 */
public sealed interface Layout permits FileNameLayout, GooseLayout, DbmateLayout, PrismaLayout, PlainLayout {

	/** The setting that names this layout. */
	MigrationLayout setting();

	/**
	 * The scripts a file holds: an up script, and a down script where the layout has one.
	 * @throws LayoutException saying why the file does not follow the layout and what to do
	 */
	List<LayoutEntry> read(ScannedFile file);

	/** The layout a setting names; {@link MigrationLayout#AUTO} has none of its own. */
	static Layout of(MigrationLayout setting) {
		return switch (setting) {
			case GOLANG_MIGRATE, FLYWAY, AUTO -> new FileNameLayout(setting);
			case GOOSE -> new GooseLayout();
			case DBMATE -> new DbmateLayout();
			case PRISMA -> new PrismaLayout();
			case PLAIN -> new PlainLayout();
		};
	}

}
