package dev.cairn.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The files of the next migration in a folder, as {@code cairn create} and the Maven plugin's
 * {@code cairn:new} make them: planned by {@link Cairn#newMigration}, written by {@link #write()}.
 * The layout is the one core's layout detection reads from the folder's files (golang-migrate,
 * Flyway, goose, dbmate, Prisma, plain scripts); the version is the folder's highest version plus
 * one (or the current time, for folders numbered by timestamp), so a version is never reused nor
 * a number skipped.
 *
 * @param folder the folder the files go into
 * @param layout the layout of the files (never {@link MigrationLayout#AUTO})
 * @param numbering how the version was chosen
 * @param version the new version
 * @param files the new files, the up (or {@code V}) file first
 * @param contents what each file starts with, in the order of {@code files}: the layout's section
 * markers, the no-transaction directive when asked for, and a comment naming the migration
 */
public record NewMigration(Path folder, MigrationLayout layout, Numbering numbering, Version version, List<Path> files,
		List<String> contents) {

	public NewMigration {
		files = List.copyOf(files);
		contents = List.copyOf(contents);
		if (files.size() != contents.size()) {
			throw new IllegalArgumentException("one content per file: " + files + " has " + contents.size());
		}
	}

	/**
	 * Creates the files with their {@link #contents()}; none of them may exist yet (checked as each is created, so two
	 * people creating at once never overwrite each other). If one cannot be created, those
	 * created before it are removed.
	 * @return the files
	 * @throws CairnConfigurationException if a file exists already
	 * @throws UncheckedIOException if the folder cannot be written
	 */
	public List<Path> write() {
		List<Path> created = new ArrayList<>();
		try {
			for (int i = 0; i < this.files.size(); i++) {
				Path file = this.files.get(i);
				Files.createDirectories(file.getParent());
				Files.writeString(file, this.contents.get(i), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
						StandardOpenOption.WRITE);
				created.add(file);
			}
			return created;
		}
		catch (IOException ex) {
			for (Path file : created) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ignored) {
					// the first failure is the one to report
				}
			}
			if (ex instanceof FileAlreadyExistsException exists) {
				throw new CairnConfigurationException(exists.getFile() + " exists already (created by someone else just"
						+ " now?): run create again to take the next version");
			}
			throw new UncheckedIOException("Cannot create " + this.files + ": " + ex.getMessage(), ex);
		}
	}

	/** How a new version is chosen. */
	public enum Numbering {

		/** The highest version plus one, zero-padded like the folder's files. */
		SEQUENCE,

		/**
		 * The current UTC time ({@code yyyyMMddHHmmss}, or {@code yyyyMMddHHmm} or Unix seconds
		 * when the folder's timestamps are written so); the highest version plus one if that is
		 * not higher.
		 */
		TIMESTAMP

	}

	/**
	 * What to ask for; {@code null} means "as the folder's files are" (or the default for an
	 * empty folder: golang-migrate, a sequence, six digits; goose five digits; dbmate and Prisma
	 * a timestamp).
	 *
	 * @param layout the layout, or {@code null} (or {@link MigrationLayout#AUTO}) to follow the folder
	 * @param numbering the numbering, or {@code null} to follow the folder
	 * @param digits how many digits a sequence number is padded to, or {@code null} to follow the folder
	 * @param undo whether a Flyway migration also gets a {@code U} (undo) file (it does anyway in a
	 * folder that has undo files); golang-migrate migrations always get their down file, goose and
	 * dbmate files their down section
	 * @param noTransaction whether the files say their statements run without a transaction (for
	 * {@code CREATE INDEX CONCURRENTLY} and the like), in the layout's own words
	 * @param clock the clock timestamps are read from
	 */
	public record Options(@Nullable MigrationLayout layout, @Nullable Numbering numbering, @Nullable Integer digits,
			boolean undo, boolean noTransaction, Clock clock) {

		/**
		 * Everything as the folder's files are.
		 * @return the options
		 */
		public static Options defaults() {
			return new Options(null, null, null, false, false, Clock.systemUTC());
		}

		public Options withLayout(@Nullable MigrationLayout layout) {
			return new Options(layout, this.numbering, this.digits, this.undo, this.noTransaction, this.clock);
		}

		public Options withNumbering(@Nullable Numbering numbering) {
			return new Options(this.layout, numbering, this.digits, this.undo, this.noTransaction, this.clock);
		}

		public Options withDigits(@Nullable Integer digits) {
			return new Options(this.layout, this.numbering, digits, this.undo, this.noTransaction, this.clock);
		}

		public Options withUndo(boolean undo) {
			return new Options(this.layout, this.numbering, this.digits, undo, this.noTransaction, this.clock);
		}

		public Options withNoTransaction(boolean noTransaction) {
			return new Options(this.layout, this.numbering, this.digits, this.undo, noTransaction, this.clock);
		}

		public Options withClock(Clock clock) {
			return new Options(this.layout, this.numbering, this.digits, this.undo, this.noTransaction, clock);
		}

	}

}
