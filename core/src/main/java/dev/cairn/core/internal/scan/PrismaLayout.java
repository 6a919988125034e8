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
		return List.of(new LayoutEntry(name, ownTransactions(file)));
	}

	/**
	 * Prisma sends a file as one script, so a file may hold its own {@code BEGIN; ... COMMIT;} (Prisma
	 * writes such files to change an enum). Cairn runs that file statement by statement, as Prisma in
	 * effect did: its leading comment line (Prisma starts its files with one, such as
	 * {@code -- AlterEnum}) reads as {@code -- cairn:no-transaction}, keeping every line where it is.
	 */
	static ScannedFile ownTransactions(ScannedFile file) {
		if (!Lines.mayHold(file.content(), "BEGIN") && !Lines.mayHold(file.content(), "begin")) {
			return file;
		}
		Lines lines = new Lines(file.content());
		if (lines.count() < 2 || !lines.text(0).startsWith("--")) {
			return file; // without a comment line to turn, the parser's error says to add the directive
		}
		for (int i = 1; i < lines.count(); i++) {
			String text = lines.text(i).toUpperCase(java.util.Locale.ROOT).replace(" ", "");
			if (text.equals("BEGIN;") || text.equals("BEGINTRANSACTION;")) {
				return new ScannedFile(file.location(), file.name(), lines.section(0, lines.count(), java.util.Set.of(), true));
			}
		}
		return file;
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
