package dev.cairn.sample.loan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.cairn.sample.web.Rows;

/**
 * Loans in PostgreSQL, through {@link JdbcClient}.
 */
@Repository
public class LoanRepository {

	private static final String SELECT = "SELECT l.id, l.book_id, b.title AS book_title, l.borrower, l.lent_at,"
			+ " l.due_on, l.returned_at FROM loans l JOIN books b ON b.id = l.book_id";

	private final JdbcClient jdbc;

	public LoanRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Loans, newest first; only open or only closed ones when asked. */
	public List<Loan> find(Boolean open) {
		return this.jdbc.sql(SELECT + " WHERE CAST(:open AS boolean) IS NULL OR (l.returned_at IS NULL) = :open"
				+ " ORDER BY l.lent_at DESC, l.id DESC")
			.param("open", open)
			.query(LoanRepository::loan)
			.list();
	}

	public Optional<Loan> findById(long id) {
		return this.jdbc.sql(SELECT + " WHERE l.id = :id").param("id", id).query(LoanRepository::loan).optional();
	}

	public Optional<Loan> findOpenByBook(long bookId) {
		return this.jdbc.sql(SELECT + " WHERE l.book_id = :book AND l.returned_at IS NULL")
			.param("book", bookId)
			.query(LoanRepository::loan)
			.optional();
	}

	/**
	 * Opens a loan and returns its id. A second open loan of the same book fails on the partial
	 * unique index {@code loans_one_open_loan_per_book} with a {@code DuplicateKeyException}.
	 */
	public long insert(long bookId, String borrower, int days) {
		return this.jdbc.sql("INSERT INTO loans (book_id, borrower, due_on) VALUES (:book, :borrower, current_date + :days)"
				+ " RETURNING id")
			.param("book", bookId)
			.param("borrower", borrower)
			.param("days", days)
			.query(Long.class)
			.single();
	}

	/** Closes the loan if it is open; false if it does not exist or was already returned. */
	public boolean markReturned(long id) {
		return this.jdbc.sql("UPDATE loans SET returned_at = now() WHERE id = :id AND returned_at IS NULL")
			.param("id", id)
			.update() == 1;
	}

	private static Loan loan(ResultSet row, int rowNumber) throws SQLException {
		return new Loan(row.getLong("id"), row.getLong("book_id"), row.getString("book_title"), row.getString("borrower"),
				Rows.instant(row, "lent_at"), Rows.date(row, "due_on"), Rows.instant(row, "returned_at"));
	}

}
