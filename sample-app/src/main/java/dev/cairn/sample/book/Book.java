package dev.cairn.sample.book;

import java.time.Instant;

/**
 * A book as the API returns it.
 *
 * @param id the book's id
 * @param isbn the ISBN-13, digits only
 * @param title the title
 * @param author who wrote it
 * @param publishedYear the year of first publication, if known
 * @param available whether it can be lent now (it has no open loan)
 * @param createdAt when the row was inserted
 * @param updatedAt when the row last changed; kept by a trigger (migration 000003)
 */
public record Book(long id, String isbn, String title, AuthorRef author, Integer publishedYear, boolean available,
		Instant createdAt, Instant updatedAt) {

	/**
	 * The author of a book, enough to show it and follow the link.
	 *
	 * @param id the author's id
	 * @param name the author's name
	 */
	public record AuthorRef(long id, String name) {

	}

}
