package dev.cairn.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API over real HTTP, on a database whose schema and seed data come only from the
 * migrations the starter applied at start-up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LibraryApiTests extends RunningAppTest {

	private static final String MOBY_DICK_ISBN = "9780000000040";

	@Test
	void seedDataFromTheMigrationsIsServed() {
		this.client.get()
			.uri("/authors")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].name")
			.value((List<String> names) -> assertThat(names).contains("Jane Austen", "Mary Shelley", "Herman Melville"));
		this.client.get()
			.uri("/books?available=false")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].isbn")
			.value((List<String> isbns) -> assertThat(isbns).contains(MOBY_DICK_ISBN));
	}

	@Test
	void addsAnAuthorAndABookAndFindsThemAgain() {
		long author = addAuthor("Octavia E. Butler", 1947);
		this.client.get().uri("/authors/{id}", author).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.name").isEqualTo("Octavia E. Butler")
			.jsonPath("$.born").isEqualTo(1947);
		long book = idOf(addBook("9790000000100", "Kindred", author).expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", ".*/books/[0-9]+"));
		this.client.get().uri("/books/{id}", book).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.title").isEqualTo("Kindred")
			.jsonPath("$.author.name").isEqualTo("Octavia E. Butler")
			.jsonPath("$.available").isEqualTo(true);
		this.client.get().uri("/books?authorId={id}", author).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.length()").isEqualTo(1);
	}

	@Test
	void changingAnAuthorMovesUpdatedAtThroughTheTrigger() {
		long author = addAuthor("Anne Bronte", 1820);
		Map<?, ?> changed = this.client.put()
			.uri("/authors/{id}", author)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Anne Brontë", "born", 1820))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(changed.get("name")).isEqualTo("Anne Brontë");
		// Set by keep_updated_at() (migration 000003), not by the application.
		assertThat((String) changed.get("updatedAt")).isGreaterThan((String) changed.get("createdAt"));
	}

	@Test
	void lendingABookThatIsAlreadyLentIsAConflict() {
		long book = bookIdByIsbn(MOBY_DICK_ISBN);
		lend(book, "Ahab").expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(409)
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("already lent to Ishmael"));
	}

	@Test
	void aReturnedBookCanBeLentAgainAndAReturnCountsOnce() {
		long book = idOf(addBook("9790000000117", "Silas Marner", addAuthor("Mary Ann Evans", 1819)).expectStatus()
			.isCreated());
		long loan = idOf(lend(book, "Eppie").expectStatus().isCreated());
		this.client.get().uri("/books/{id}", book).exchange().expectBody().jsonPath("$.available").isEqualTo(false);
		this.client.post().uri("/loans/{id}/return", loan).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.returnedAt").isNotEmpty();
		this.client.post().uri("/loans/{id}/return", loan).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
		lend(book, "Godfrey").expectStatus().isCreated().expectBody()
			.jsonPath("$.borrower").isEqualTo("Godfrey")
			.jsonPath("$.dueOn").isNotEmpty();
		this.client.get().uri("/loans?open=false").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$[*].id").value((List<Integer> ids) -> assertThat(ids).contains((int) loan));
	}

	@Test
	void concurrentLoansOfOneBookLetExactlyOneWin() throws Exception {
		long book = idOf(addBook("9790000000124", "The Mill on the Floss", addAuthor("G. Eliot", 1819)).expectStatus()
			.isCreated());
		int borrowers = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(borrowers);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int i = 0; i < borrowers; i++) {
				String borrower = "borrower " + i;
				Callable<Integer> attempt = () -> {
					start.await();
					return lend(book, borrower).returnResult().getStatus().value();
				};
				statuses.add(pool.submit(attempt));
			}
			start.countDown();
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				results.add(status.get());
			}
			// The partial unique index of migration 000004 decides, whatever the timing.
			assertThat(results).containsOnly(201, 409).filteredOn((status) -> status == 201).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void invalidInputIsABadRequestNamingEveryField() {
		addBook("978-0-00", "", null).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").isEqualTo("3 fields are invalid")
			.jsonPath("$.errors[*].field").value((List<String> fields) ->
					assertThat(fields).containsExactly("authorId", "isbn", "title"));
		this.client.post().uri("/authors").contentType(MediaType.APPLICATION_JSON).body("{\"name\": ")
			.exchange().expectStatus().isBadRequest();
		this.client.get().uri("/books/not-a-number").exchange().expectStatus().isBadRequest();
		lend(bookIdByIsbn(MOBY_DICK_ISBN), " ").expectStatus().isBadRequest();
	}

	@Test
	void aBookByAnUnknownAuthorIsABadRequest() {
		addBook("9790000000131", "Nobody's Book", 987654L).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail").isEqualTo("author 987654 does not exist; add the author first");
	}

	@Test
	void aDuplicateIsbnIsAConflict() {
		addBook(MOBY_DICK_ISBN, "Moby-Dick, again", bookAuthor(MOBY_DICK_ISBN)).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).startsWith("a book with ISBN " + MOBY_DICK_ISBN + " already exists"));
	}

	@Test
	void unknownResourcesAreNotFound() {
		this.client.get().uri("/authors/987654").exchange().expectStatus().isNotFound().expectBody()
			.jsonPath("$.detail").isEqualTo("author 987654 does not exist");
		this.client.get().uri("/books/987654").exchange().expectStatus().isNotFound();
		this.client.get().uri("/loans/987654").exchange().expectStatus().isNotFound();
		this.client.post().uri("/loans/987654/return").exchange().expectStatus().isNotFound();
		lend(987654, "Nobody").expectStatus().isNotFound();
	}

	@Test
	void anAuthorWithBooksCannotBeRemoved() {
		long author = bookAuthor(MOBY_DICK_ISBN);
		this.client.delete().uri("/authors/{id}", author).exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);
		long lonely = addAuthor("Emily Dickinson", 1830);
		this.client.delete().uri("/authors/{id}", lonely).exchange().expectStatus().isNoContent();
		this.client.get().uri("/authors/{id}", lonely).exchange().expectStatus().isNotFound();
		this.client.get().uri("/authors").exchange().expectBody()
			.jsonPath("$[*].name").value((List<String> names) -> assertThat(names).doesNotContain("Emily Dickinson"));
	}

	private long addAuthor(String name, int born) {
		return idOf(this.client.post()
			.uri("/authors")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", name, "born", born))
			.exchange()
			.expectStatus()
			.isCreated());
	}

	private RestTestClient.ResponseSpec addBook(String isbn, String title, Long authorId) {
		Map<String, Object> body = new HashMap<>();
		body.put("isbn", isbn);
		body.put("title", title);
		body.put("authorId", authorId);
		return this.client.post().uri("/books").contentType(MediaType.APPLICATION_JSON).body(body).exchange();
	}

	private RestTestClient.ResponseSpec lend(long book, String borrower) {
		return this.client.post()
			.uri("/books/{id}/loans", book)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("borrower", borrower))
			.exchange();
	}

	private long bookIdByIsbn(String isbn) {
		return ((Number) book(isbn).get("id")).longValue();
	}

	private long bookAuthor(String isbn) {
		return ((Number) ((Map<?, ?>) book(isbn).get("author")).get("id")).longValue();
	}

	private Map<?, ?> book(String isbn) {
		List<?> books = this.client.get().uri("/books").exchange().expectBody(List.class).returnResult().getResponseBody();
		return books.stream()
			.map(Map.class::cast)
			.filter((book) -> isbn.equals(book.get("isbn")))
			.findFirst()
			.orElseThrow();
	}

	private static long idOf(RestTestClient.ResponseSpec response) {
		return ((Number) response.expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
	}

}
