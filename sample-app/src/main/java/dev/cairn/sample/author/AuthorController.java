package dev.cairn.sample.author;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cairn.sample.web.ConflictException;
import dev.cairn.sample.web.NotFoundException;

/**
 * {@code /authors}: list, read, add, change and remove authors.
 */
@RestController
@RequestMapping("/authors")
public class AuthorController {

	private final AuthorRepository authors;

	public AuthorController(AuthorRepository authors) {
		this.authors = authors;
	}

	@GetMapping
	public List<Author> list() {
		return this.authors.findAll();
	}

	@GetMapping("/{id}")
	public Author get(@PathVariable long id) {
		return this.authors.findById(id).orElseThrow(() -> NotFoundException.of("author", id));
	}

	@PostMapping
	public ResponseEntity<Author> add(@Valid @RequestBody AuthorRequest request) {
		Author author = this.authors.insert(request);
		return ResponseEntity.created(URI.create("/authors/" + author.id())).body(author);
	}

	@PutMapping("/{id}")
	public Author change(@PathVariable long id, @Valid @RequestBody AuthorRequest request) {
		return this.authors.update(id, request).orElseThrow(() -> NotFoundException.of("author", id));
	}

	@DeleteMapping("/{id}")
	public ResponseEntity<Void> remove(@PathVariable long id) {
		try {
			if (!this.authors.delete(id)) {
				throw NotFoundException.of("author", id);
			}
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("author " + id + " still has books in the library; remove them first");
		}
		return ResponseEntity.noContent().build();
	}

}
