package dev.cairn.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.MigrateResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's tenant fleet, switched on by {@code sample.branches.enabled}: each branch gets
 * its holds table in a schema of its own, with its own history, after the default track made
 * the books the holds refer to; a branch opened while the app runs is migrated by one call.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.branches.enabled=true")
class BranchFleetTests extends RunningAppTest {

	@Autowired
	private TenantFleets fleets;

	@Test
	void everyBranchHasItsHoldsInItsOwnSchemaWithItsOwnHistory() {
		for (String branch : new String[] { "downtown", "riverside", "harbour" }) {
			assertThat(this.jdbc.sql("SELECT version || ':' || state FROM " + branch + ".cairn_history_branches")
				.query(String.class)
				.list()).as(branch).containsExactly("1:applied");
			this.jdbc.sql("INSERT INTO " + branch + ".holds (book_id, reader) SELECT min(id), 'Dana' FROM books").update();
		}
		assertThat(this.jdbc.sql("SELECT to_regclass('public.holds') IS NULL").query(Boolean.class).single()).isTrue();
		this.client.get()
			.uri("/actuator/migrations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.fleets.branches.tenants").isEqualTo(3)
			.jsonPath("$.fleets.branches.versions.1").isEqualTo(3)
			.jsonPath("$.fleets.branches.lastRun.applied").isEqualTo(3);
		this.client.get()
			.uri("/actuator/migrations/branches/harbour")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.upToDate").isEqualTo(true);
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.migrations.details.fleets.branches.status").isEqualTo("UP");
	}

	@Test
	void aBranchOpenedWhileTheAppRunsIsMigratedByOneCall() {
		MigrateResult result = this.fleets.fleet("branches").migrateTenant("uptown");
		assertThat(result.applied()).hasSize(1);
		assertThat(this.jdbc.sql("SELECT count(*) FROM uptown.holds").query(Long.class).single()).isZero();
	}

}
