package dev.cairn.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the files of a location are named and cut into migrations. {@link #AUTO} (the default)
 * recognises the layout from the files and refuses a location whose files follow more than one;
 * naming a layout makes every file that does not follow it an error.
 */
public enum MigrationLayout {

	/** Recognised from the files: golang-migrate and Flyway names, goose, dbmate, Prisma, plain scripts. */
	AUTO("auto"),

	/** {@code 000042_add_orders.up.sql} with an optional {@code 000042_add_orders.down.sql}. */
	GOLANG_MIGRATE("golang-migrate"),

	/** {@code V42__add_orders.sql}, undo {@code U42__add_orders.sql}, repeatable {@code R__views.sql}. */
	FLYWAY("flyway"),

	/** {@code 00042_add_orders.sql} with {@code -- +goose Up} and {@code -- +goose Down} sections. */
	GOOSE("goose"),

	/** {@code 20240101120000_add_orders.sql} with {@code -- migrate:up} and {@code -- migrate:down} sections. */
	DBMATE("dbmate"),

	/** Prisma Migrate's folders: {@code 20240101120000_add_orders/migration.sql}. */
	PRISMA("prisma"),

	/** Versioned scripts and nothing else: {@code 2024010100.sql}, {@code 2.13.6.sql}, {@code 42_add_orders.sql}. */
	PLAIN("plain");

	private final String displayName;

	MigrationLayout(String displayName) {
		this.displayName = displayName;
	}

	/** The name used in settings and messages, such as {@code golang-migrate}. */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Reads a layout name as written in settings: {@code goose}, {@code golang-migrate} (also
	 * {@code golang_migrate}), ignoring case.
	 * @throws IllegalArgumentException naming the known layouts
	 */
	public static MigrationLayout parse(String text) {
		String wanted = (text != null) ? text.strip().toLowerCase(Locale.ROOT).replace('_', '-') : "";
		for (MigrationLayout layout : values()) {
			if (layout.displayName.equals(wanted)) {
				return layout;
			}
		}
		throw new IllegalArgumentException("layout '" + text + "' is unknown: use one of "
				+ Arrays.stream(values()).map(MigrationLayout::displayName).collect(Collectors.joining(", ")));
	}

	@Override
	public String toString() {
		return this.displayName;
	}

}
