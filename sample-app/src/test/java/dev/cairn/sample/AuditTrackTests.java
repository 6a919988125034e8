package dev.cairn.sample;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's second track, switched on by {@code sample.audit.enabled}: it runs after the
 * default track, in its own history table, and its trigger records loans made through the API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.audit.enabled=true")
class AuditTrackTests extends RunningAppTest {

	@Test
	void theAuditTrackRunsAfterTheDefaultTrackInItsOwnHistoryTable() {
		assertThat(this.jdbc.sql("SELECT version || ':' || state FROM cairn_history_audit").query(String.class).list())
			.containsExactly("1:applied");
		this.client.get()
			.uri("/actuator/migrations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.tracks.audit.enabled").isEqualTo(true)
			.jsonPath("$.tracks.audit.upToDate").isEqualTo(true)
			.jsonPath("$.tracks.default.counts.applied").isEqualTo(9);
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.migrations.details.audit.state").isEqualTo("up to date");
	}

	@Test
	void aLoanThroughTheApiIsAudited() {
		Long book = this.jdbc.sql("SELECT b.id FROM books b WHERE NOT EXISTS (SELECT 1 FROM loans l"
				+ " WHERE l.book_id = b.id AND l.returned_at IS NULL) ORDER BY b.id LIMIT 1").query(Long.class).single();
		this.client.post()
			.uri("/books/" + book + "/loans")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"borrower\": \"Dana\", \"days\": 14}")
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(this.jdbc.sql("SELECT event FROM loan_audit WHERE book_id = ?").param(book).query(String.class).list())
			.containsExactly("lent");
	}

}
