package dev.cairn.sample.book;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.cairn.sample.web.Rows;

/**
 * Books in PostgreSQL, through {@link JdbcClient}. Whether a book is available is computed
 * from its open loan, the same rule the partial unique index of migration 000004 enforces.
 */
@Repository
public class BookRepository {

	private static final String SELECT = "SELECT b.id, b.isbn, b.title, b.published_year, b.created_at, b.updated_at,"
			+ " a.id AS author_id, a.name AS author_name, s.available FROM books b JOIN authors a ON a.id = b.author_id"
			+ " CROSS JOIN LATERAL (SELECT NOT EXISTS (SELECT 1 FROM loans l WHERE l.book_id = b.id"
			+ " AND l.returned_at IS NULL) AS available) s";

	private final JdbcClient jdbc;

	public BookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Books, optionally only those of one author or only those (not) available, by title.
	 */
	public List<Book> find(Long authorId, Boolean available) {
		return this.jdbc.sql(SELECT + " WHERE (CAST(:author AS bigint) IS NULL OR b.author_id = :author)"
				+ " AND (CAST(:available AS boolean) IS NULL OR s.available = :available) ORDER BY b.title, b.id")
			.param("author", authorId)
			.param("available", available)
			.query(BookRepository::book)
			.list();
	}

	public Optional<Book> findById(long id) {
		return this.jdbc.sql(SELECT + " WHERE b.id = :id").param("id", id).query(BookRepository::book).optional();
	}

	public Optional<Long> findIdByIsbn(String isbn) {
		return this.jdbc.sql("SELECT id FROM books WHERE isbn = :isbn").param("isbn", isbn).query(Long.class).optional();
	}

	/** Inserts the book and returns its id; a duplicate ISBN fails on the unique constraint. */
	public long insert(BookRequest request) {
		return this.jdbc.sql("INSERT INTO books (isbn, title, sort_title, author_id, published_year)"
				+ " VALUES (:isbn, :title, :sortTitle, :author, :year) RETURNING id")
			.param("isbn", request.isbn())
			.param("title", request.title())
			.param("sortTitle", SortTitle.of(request.title()))
			.param("author", request.authorId())
			.param("year", request.publishedYear())
			.query(Long.class)
			.single();
	}

	/** A book's id and title, for the backfill of sort titles. */
	public record Titled(long id, String title) {
	}

	public long countWithoutSortTitle() {
		return this.jdbc.sql("SELECT count(*) FROM books WHERE sort_title IS NULL").query(Long.class).single();
	}

	/** Up to {@code limit} books without a sort title, in id order. */
	public List<Titled> findWithoutSortTitle(int limit) {
		return this.jdbc.sql("SELECT id, title FROM books WHERE sort_title IS NULL ORDER BY id LIMIT :limit")
			.param("limit", limit)
			.query(Titled.class)
			.list();
	}

	public void setSortTitle(long id, String sortTitle) {
		this.jdbc.sql("UPDATE books SET sort_title = :sortTitle WHERE id = :id")
			.param("sortTitle", sortTitle)
			.param("id", id)
			.update();
	}

	public void clearSortTitles() {
		this.jdbc.sql("UPDATE books SET sort_title = NULL").update();
	}

	/** Deletes the book; the foreign key from loans refuses it once it has been lent. */
	public boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM books WHERE id = :id").param("id", id).update() == 1;
	}

	private static Book book(ResultSet row, int rowNumber) throws SQLException {
		return new Book(row.getLong("id"), row.getString("isbn"), row.getString("title"),
				new Book.AuthorRef(row.getLong("author_id"), row.getString("author_name")),
				Rows.integer(row, "published_year"), row.getBoolean("available"), Rows.instant(row, "created_at"),
				Rows.instant(row, "updated_at"));
	}

}
