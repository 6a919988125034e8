package dev.cairn.core;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The version is the folder's highest version plus one (or the current time, for folders
 * numbered by timestamp), so a version is never reused nor a number skipped.
 *
 * @param folder the folder the files go into
 * @param layout the naming convention of the files
 * @param numbering how the version was chosen
 * @param version the new version
 * @param files the new files, the up (or {@code V}) file first
 */
public record NewMigration(Path folder, Layout layout, Numbering numbering, Version version, List<Path> files) {

	public NewMigration {
		files = List.copyOf(files);
	}

	/**
	 * Creates the files, empty; none of them may exist yet (checked as each is created, so two
	 * people creating at once never overwrite each other). If one cannot be created, those
	 * created before it are removed.
	 * @return the files
	 * @throws CairnConfigurationException if a file exists already
	 * @throws UncheckedIOException if the folder cannot be written
	 */
	public List<Path> write() {
		List<Path> created = new ArrayList<>();
		try {
			Files.createDirectories(this.folder);
			for (Path file : this.files) {
				Files.write(file, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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

	/** The naming convention of a new migration's files. */
	public enum Layout {

		/** {@code 000042_add_orders.up.sql} with {@code 000042_add_orders.down.sql}. */
		GOLANG_MIGRATE,

		/** {@code V42__add_orders.sql}, with {@code U42__add_orders.sql} when asked for. */
		FLYWAY

	}

	/** How a new version is chosen. */
	public enum Numbering {

		/** The highest version plus one, zero-padded like the folder's files. */
		SEQUENCE,

		/**
		 * The current UTC time ({@code yyyyMMddHHmmss}, or as many digits as the folder's
		 * timestamps have); the highest version plus one if that is not higher.
		 */
		TIMESTAMP

	}

	/**
	 * What to ask for; {@code null} means "as the folder's files are" (or the default for an
	 * empty folder: golang-migrate, a sequence, six digits).
	 *
	 * @param layout the layout, or {@code null} to follow the folder
	 * @param numbering the numbering, or {@code null} to follow the folder
	 * @param digits how many digits a sequence number is padded to, or {@code null} to follow the folder
	 * @param undo whether a Flyway migration also gets a {@code U} (undo) file; golang-migrate
	 * migrations always get their down file
	 * @param clock the clock timestamps are read from
	 */
	public record Options(@Nullable Layout layout, @Nullable Numbering numbering, @Nullable Integer digits, boolean undo,
			Clock clock) {

		/**
		 * Everything as the folder's files are.
		 * @return the options
		 */
		public static Options defaults() {
			return new Options(null, null, null, false, Clock.systemUTC());
		}

		public Options withLayout(@Nullable Layout layout) {
			return new Options(layout, this.numbering, this.digits, this.undo, this.clock);
		}

		public Options withNumbering(@Nullable Numbering numbering) {
			return new Options(this.layout, numbering, this.digits, this.undo, this.clock);
		}

		public Options withDigits(@Nullable Integer digits) {
			return new Options(this.layout, this.numbering, digits, this.undo, this.clock);
		}

		public Options withUndo(boolean undo) {
			return new Options(this.layout, this.numbering, this.digits, undo, this.clock);
		}

		public Options withClock(Clock clock) {
			return new Options(this.layout, this.numbering, this.digits, this.undo, clock);
		}

	}

}
