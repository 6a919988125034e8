package dev.cairn.sample.loan;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A loan as the API returns it.
 *
 * @param id the loan's id
 * @param bookId the book lent
 * @param bookTitle the book's title
 * @param borrower who has it
 * @param lentAt when it was lent
 * @param dueOn the day it is due back
 * @param returnedAt when it came back; {@code null} while the loan is open
 */
public record Loan(long id, long bookId, String bookTitle, String borrower, Instant lentAt, LocalDate dueOn,
		Instant returnedAt) {

}
