package dev.cairn.sample.book;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cairn.sample.author.AuthorRepository;
import dev.cairn.sample.web.BadRequestException;
import dev.cairn.sample.web.ConflictException;
import dev.cairn.sample.web.NotFoundException;

/**
 * {@code /books}: list (by author, by availability), read, add and remove books.
 */
@RestController
@RequestMapping("/books")
public class BookController {

	private final BookRepository books;

	private final AuthorRepository authors;

	public BookController(BookRepository books, AuthorRepository authors) {
		this.books = books;
		this.authors = authors;
	}

	@GetMapping
	public List<Book> list(@RequestParam(required = false) Long authorId,
			@RequestParam(required = false) Boolean available) {
		return this.books.find(authorId, available);
	}

	@GetMapping("/{id}")
	public Book get(@PathVariable long id) {
		return this.books.findById(id).orElseThrow(() -> NotFoundException.of("book", id));
	}

	@PostMapping
	public ResponseEntity<Book> add(@Valid @RequestBody BookRequest request) {
		if (!this.authors.exists(request.authorId())) {
			throw new BadRequestException("author " + request.authorId() + " does not exist; add the author first");
		}
		long id;
		try {
			id = this.books.insert(request);
		}
		catch (DuplicateKeyException ex) {
			// The unique constraint decides, so two requests racing with one ISBN cannot both win.
			throw new ConflictException("a book with ISBN " + request.isbn() + " already exists"
					+ this.books.findIdByIsbn(request.isbn()).map((existing) -> " (book " + existing + ")").orElse(""));
		}
		return ResponseEntity.created(URI.create("/books/" + id)).body(get(id));
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> remove(@PathVariable long id) {
		try {
			if (!this.books.delete(id)) {
				throw NotFoundException.of("book", id);
			}
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("book " + id + " has been lent, and its loans are kept; it cannot be removed");
		}
		return ResponseEntity.noContent().build();
	}

}
