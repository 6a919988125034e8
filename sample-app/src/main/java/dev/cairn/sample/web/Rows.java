package dev.cairn.sample.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the column types the JDBC driver has no direct {@code getObject} mapping for.
 */
public final class Rows {

	private Rows() {
	}

	/** A {@code timestamptz} column as an instant; pgjdbc reads it as an {@link OffsetDateTime}. */
	public static Instant instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	public static LocalDate date(ResultSet row, String column) throws SQLException {
		return row.getObject(column, LocalDate.class);
	}

	/** An integer column that may be NULL. */
	public static Integer integer(ResultSet row, String column) throws SQLException {
		int value = row.getInt(column);
		return row.wasNull() ? null : value;
	}

}
