package dev.cairn.sample;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees after the first start: every sample migration applied, reported by
 * {@code /actuator/migrations}, the history table and the health groups.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MigrationsEndpointTests extends RunningAppTest {

	@Test
	void everySampleMigrationIsListedAsApplied() throws IOException {
		List<String> files = upFiles();
		assertThat(files).hasSizeGreaterThanOrEqualTo(6);
		Map<?, ?> track = defaultTrack();
		assertThat(track.get("upToDate")).isEqualTo(true);
		List<Map<?, ?>> migrations = migrations(track);
		List<Map<?, ?>> versioned = migrations.stream().filter((migration) -> migration.get("version") != null).toList();
		assertThat(field(versioned, "script")).containsExactlyElementsOf(files);
		assertThat(field(versioned, "state")).containsOnly("applied");
		assertThat(field(versioned, "undoable")).containsOnly(true);
		assertThat(field(versioned, "version")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
		// The repeatable view comes last, without a version.
		Map<?, ?> repeatable = migrations.get(migrations.size() - 1);
		assertThat(repeatable.get("script")).isEqualTo("R__author_shelf.sql");
		assertThat(repeatable.get("type")).isEqualTo("REPEATABLE_SQL");
		assertThat(repeatable.get("state")).isEqualTo("up to date");
		assertThat(repeatable.containsKey("version")).isFalse();
		assertThat(((Map<?, ?>) track.get("counts")).get("pending")).isEqualTo(0);
	}

	@Test
	void theRepeatableViewCountsEachAuthorsBooksAndLoans() {
		Integer books = this.jdbc.sql("SELECT sum(books)::int FROM author_shelf").query(Integer.class).single();
		Integer total = this.jdbc.sql("SELECT count(*)::int FROM books").query(Integer.class).single();
		assertThat(books).isEqualTo(total);
		Integer lent = this.jdbc.sql("SELECT sum(books_on_loan)::int FROM author_shelf").query(Integer.class).single();
		Integer open = this.jdbc.sql("SELECT count(*)::int FROM loans WHERE returned_at IS NULL").query(Integer.class)
			.single();
		assertThat(lent).isEqualTo(open);
	}

	@Test
	void theConcurrentIndexMigrationRanWithoutATransaction() {
		Map<?, ?> index = migrations(defaultTrack()).stream()
			.filter((migration) -> "6".equals(migration.get("version")))
			.findFirst()
			.orElseThrow();
		assertThat(index.get("type")).isEqualTo("SQL_NO_TRANSACTION");
		assertThat(index.get("description")).isEqualTo("index books author id");
		assertThat(this.jdbc.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 'books_author_id_idx'::regclass")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void theJavaMigrationBackfilledEverySortTitleThroughTheRepository() {
		Map<?, ?> backfill = migrations(defaultTrack()).stream()
			.filter((migration) -> "8".equals(migration.get("version")))
			.findFirst()
			.orElseThrow();
		assertThat(backfill.get("type")).isEqualTo("JAVA");
		assertThat(backfill.get("description")).isEqualTo("backfill books sort title");
		assertThat(this.jdbc.sql("SELECT count(*) FROM books WHERE sort_title IS NULL").query(Long.class).single())
			.isZero();
		assertThat(this.jdbc.sql("SELECT sort_title FROM books WHERE title = 'Moby-Dick'").query(String.class).single())
			.isEqualTo("moby-dick");
	}

	@Test
	void oneMigrationCanBeReadByVersionInAnySpelling() {
		this.client.get()
			.uri("/actuator/migrations/000003")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.script").isEqualTo("000003_keep_updated_at.up.sql")
			.jsonPath("$.state").isEqualTo("applied");
	}

	@Test
	void historyHasOneAppliedRowPerMigration() throws IOException {
		List<String> scripts = this.jdbc.sql("SELECT script FROM public.cairn_history WHERE state = 'applied'"
				+ " ORDER BY applied_order").query(String.class).list();
		List<String> expected = new java.util.ArrayList<>(upFiles());
		expected.add("R__author_shelf.sql");
		assertThat(scripts).containsExactlyElementsOf(expected);
	}

	@Test
	void healthAndReadinessIncludeMigrations() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.migrations.status").isEqualTo("UP")
			.jsonPath("$.components.migrations.details.default.applied").isEqualTo(9);
		this.client.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.migrations.status").isEqualTo("UP")
			.jsonPath("$.components.readinessState.status").isEqualTo("UP");
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void theAuditTrackIsListedAsDisabledAndNeverTouched() {
		this.client.get()
			.uri("/actuator/migrations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.tracks.audit.enabled").isEqualTo(false)
			.jsonPath("$.tracks.audit.historyTable").isEqualTo("\"public\".\"cairn_history_audit\"")
			.jsonPath("$.tracks.audit.counts.pending").isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT to_regclass('public.cairn_history_audit') IS NULL").query(Boolean.class).single())
			.isTrue();
	}

	private Map<?, ?> defaultTrack() {
		Map<?, ?> body = this.client.get()
			.uri("/actuator/migrations")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (Map<?, ?>) ((Map<?, ?>) body.get("tracks")).get("default");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<?, ?>> migrations(Map<?, ?> track) {
		return (List<Map<?, ?>>) track.get("migrations");
	}

	private static List<Object> field(List<Map<?, ?>> migrations, String name) {
		return migrations.stream().<Object>map((migration) -> migration.get(name)).toList();
	}

	/** The up files on the classpath, in version order: adding a migration extends these tests. */
	/** The up files, then the Java migration (version 8), as history records their scripts. */
	private static List<String> upFiles() throws IOException {
		Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migrations/*.up.sql");
		List<String> scripts = new java.util.ArrayList<>(Arrays.stream(resources).map(Resource::getFilename).sorted().toList());
		scripts.add(dev.cairn.sample.book.BackfillSortTitles.class.getName());
		return scripts;
	}

}
