package dev.cairn.core.internal.scan;

import java.util.List;

import dev.cairn.core.MigrationLayout;

/**
 * Prisma Migrate: one folder per migration, {@code 20240101120000_add_orders/migration.sql}, the
 * version from the folder's name. Prisma has no down scripts. Other {@code .sql} files in the
 * location are refused: Prisma would not run them either.
 */
final class PrismaLayout implements Layout {

	static final String FILE = "migration.sql";

	@Override
	public MigrationLayout setting() {
		return MigrationLayout.PRISMA;
	}

	@Override
	public List<LayoutEntry> read(ScannedFile file) {
		MigrationFileName name = parse(file.name());
		if (name == null) {
			throw LayoutException.name("Prisma keeps each migration in a folder of its own,"
					+ " 20240101120000_add_orders/migration.sql: move the file there, or set the location's layout to"
					+ " what it follows");
		}
		return List.of(new LayoutEntry(name, file));
	}

	/** The migration a relative name stands for, {@code null} if it is not {@code <version>_<name>/migration.sql}. */
	static MigrationFileName parse(String relativeName) {
		int slash = relativeName.indexOf('/');
		if (slash <= 0 || !relativeName.substring(slash + 1).equals(FILE)) {
			return null;
		}
		return VersionedName.parse(relativeName.substring(0, slash) + ".sql", MigrationFileName.Layout.PRISMA, false,
				false);
	}

}
