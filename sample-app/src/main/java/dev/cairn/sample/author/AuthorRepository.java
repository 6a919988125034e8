package dev.cairn.sample.author;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.cairn.sample.web.Rows;

/**
 * Authors in PostgreSQL, through {@link JdbcClient}: plain SQL against the schema the
 * migrations define.
 */
@Repository
public class AuthorRepository {

	private static final String SELECT = "SELECT id, name, born, created_at, updated_at FROM authors";

	private final JdbcClient jdbc;

	public AuthorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Author> findAll() {
		return this.jdbc.sql(SELECT + " ORDER BY name, id").query(AuthorRepository::author).list();
	}

	public Optional<Author> findById(long id) {
		return this.jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(AuthorRepository::author).optional();
	}

	public boolean exists(long id) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM authors WHERE id = :id)")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	public Author insert(AuthorRequest request) {
		return this.jdbc.sql("INSERT INTO authors (name, born) VALUES (:name, :born)"
				+ " RETURNING id, name, born, created_at, updated_at")
			.param("name", request.name())
			.param("born", request.born())
			.query(AuthorRepository::author)
			.single();
	}

	public Optional<Author> update(long id, AuthorRequest request) {
		return this.jdbc.sql("UPDATE authors SET name = :name, born = :born WHERE id = :id"
				+ " RETURNING id, name, born, created_at, updated_at")
			.param("id", id)
			.param("name", request.name())
			.param("born", request.born())
			.query(AuthorRepository::author)
			.optional();
	}

	/** Deletes the author; the foreign key from books refuses it while the author has books. */
	public boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM authors WHERE id = :id").param("id", id).update() == 1;
	}

	private static Author author(ResultSet row, int rowNumber) throws SQLException {
		return new Author(row.getLong("id"), row.getString("name"), Rows.integer(row, "born"),
				Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
	}

}
