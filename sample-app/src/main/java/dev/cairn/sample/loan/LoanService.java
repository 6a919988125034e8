package dev.cairn.sample.loan;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import dev.cairn.sample.book.Book;
import dev.cairn.sample.book.BookRepository;
import dev.cairn.sample.web.ConflictException;
import dev.cairn.sample.web.NotFoundException;

/**
 * Lending and returning books. The database decides whether a book is free: the partial unique
 * index of migration 000004 admits one open loan per book, so two librarians lending the same
 * book at once cannot both succeed, which a check-then-insert in Java could not promise.
 */
@Service
public class LoanService {

	private final LoanRepository loans;

	private final BookRepository books;

	public LoanService(LoanRepository loans, BookRepository books) {
		this.loans = loans;
		this.books = books;
	}

	public Loan lend(long bookId, LoanRequest request) {
		Book book = this.books.findById(bookId).orElseThrow(() -> NotFoundException.of("book", bookId));
		long id;
		try {
			id = this.loans.insert(bookId, request.borrower().strip(), request.daysOrDefault());
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("book " + bookId + " (" + book.title() + ") is already lent"
					+ this.loans.findOpenByBook(bookId)
						.map((open) -> " to " + open.borrower() + " until " + open.dueOn() + " (loan " + open.id() + ")")
						.orElse("")
					+ "; it can be lent again once it is returned");
		}
		return get(id);
	}

	public Loan giveBack(long loanId) {
		if (!this.loans.markReturned(loanId)) {
			Loan loan = get(loanId);
			throw new ConflictException("loan " + loanId + " was already returned at " + loan.returnedAt());
		}
		return get(loanId);
	}

	public Loan get(long loanId) {
		return this.loans.findById(loanId).orElseThrow(() -> NotFoundException.of("loan", loanId));
	}

}
