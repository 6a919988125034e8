package dev.cairn.core.internal.apply;

import java.sql.Connection;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import dev.cairn.core.Secrets;
import dev.cairn.core.internal.sql.SqlScriptParser;
import dev.cairn.core.internal.sql.SqlStatement;

/**
 * What PostgreSQL said about a failed statement, placed in the migration file: the line of
 * the error position when the server gives one, else the line the statement starts on.
 *
 * @param sqlState the SQLSTATE, if known
 * @param message PostgreSQL's primary message (or the driver's, when the server said nothing)
 * @param line the 1-based line in the file, 0 if unknown
 * @param details detail, hint and context lines, each prefixed, possibly empty
 * @param connectionLost whether the connection died
 */
public record ServerError(@Nullable String sqlState, String message, int line, String details, boolean connectionLost) {

	public static ServerError of(SQLException ex, @Nullable SqlStatement statement, String text, Connection connection) {
		ServerErrorMessage server = find(ex);
		String sqlState = (server != null) ? server.getSQLState() : ex.getSQLState();
		String message = (server != null) ? server.getMessage() : String.valueOf(ex.getMessage());
		int line = (statement != null) ? statement.line() : 0;
		if (statement != null && server != null && server.getPosition() > 0
				&& server.getPosition() <= statement.sql().length()) {
			line = SqlScriptParser.lineOf(text, statement.startOffset() + server.getPosition() - 1);
		}
		StringBuilder details = new StringBuilder();
		if (statement != null) {
			details.append("\n  statement: ").append(abbreviate(Secrets.mask(statement.sql())));
		}
		if (server != null) {
			append(details, "detail", Secrets.mask(server.getDetail()));
			append(details, "hint", server.getHint());
			append(details, "where", Secrets.mask(server.getWhere()));
		}
		boolean lost = (sqlState != null && sqlState.startsWith("08")) || isClosed(connection);
		return new ServerError(sqlState, message, line, details.toString(), lost);
	}

	/** "at line 12: relation "x" does not exist (SQLSTATE 42P01)" and the detail lines. */
	public String describe() {
		return ((this.line > 0) ? " at line " + this.line : "") + ": " + this.message
				+ ((this.sqlState != null) ? " (SQLSTATE " + this.sqlState + ")" : "") + this.details;
	}

	private static @Nullable ServerErrorMessage find(SQLException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
				return psql.getServerErrorMessage();
			}
		}
		SQLException next = ex.getNextException();
		return (next != null && next != ex) ? find(next) : null;
	}

	private static void append(StringBuilder details, String label, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			details.append("\n  ").append(label).append(": ").append(value);
		}
	}

	private static boolean isClosed(Connection connection) {
		try {
			return connection.isClosed();
		}
		catch (SQLException ex) {
			return true;
		}
	}

	static String abbreviate(String sql) {
		String flat = sql.replaceAll("\\s+", " ").strip();
		return (flat.length() > 200) ? flat.substring(0, 197) + "..." : flat;
	}

}
