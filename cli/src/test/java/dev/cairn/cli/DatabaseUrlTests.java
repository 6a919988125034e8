package dev.cairn.cli;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Database URLs as golang-migrate and dbmate users write them, and durations as options take them.
 */
class DatabaseUrlTests {

	@Test
	void aPostgresUrlBecomesAJdbcUrlWithTheLoginTakenOut() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://app:s%40cret@db.internal:6432/orders?sslmode=require", "-database");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/orders?sslmode=require");
		assertThat(url.user()).isEqualTo("app");
		assertThat(url.password()).isEqualTo("s@cret");
	}

	@Test
	void aPasswordWithUnencodedSlashesOrAtSignsIsStillThePassword() {
		DatabaseUrl url = DatabaseUrl.parse("postgresql://app:a/b@c@[::1]:5432/db", "-database");
		assertThat(url.password()).isEqualTo("a/b@c");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/db").doesNotContain("a/b");
	}

	@Test
	void aJdbcUrlIsTakenAsItIs() {
		String jdbc = "jdbc:postgresql://localhost/db?user=app&password=x";
		assertThat(DatabaseUrl.parse(jdbc, "-database").jdbcUrl()).isEqualTo(jdbc);
		assertThat(DatabaseUrl.parse(jdbc, "-database").toString()).doesNotContain("password=x");
	}

	@Test
	void golangMigratesTableParameterNamesTheTableToTakeOverAndItsOtherParametersAreRefused() {
		DatabaseUrl url = DatabaseUrl.parse("postgres://h/db?x-migrations-table=legacy&sslmode=disable", "-database");
		assertThat(url.migrationsTable()).isEqualTo("legacy");
		assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=disable");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabaseUrl.parse("postgres://h/db?x-multi-statement=true", "-database"))
			.withMessageContaining("x-multi-statement");
	}

	@Test
	void otherSchemesAndSocketsAreRefusedWithoutShowingThePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> DatabaseUrl.parse("mysql://u:hunter2@h/db", "CAIRN_URL"))
			.withMessageContaining("CAIRN_URL 'mysql:' is not a PostgreSQL URL")
			.withMessageNotContaining("hunter2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabaseUrl.parse("postgres:///db?host=/var/run/postgresql", "-database"))
			.withMessageContaining("no host");
	}

	@Test
	void durationsAreSecondsUnitsOrIso() {
		assertThat(DurationValue.parse("15", "x")).isEqualTo(Duration.ofSeconds(15));
		assertThat(DurationValue.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
		assertThat(DurationValue.parse("5m", "x")).isEqualTo(Duration.ofMinutes(5));
		assertThat(DurationValue.parse("PT1H", "x")).isEqualTo(Duration.ofHours(1));
		assertThatIllegalArgumentException().isThrownBy(() -> DurationValue.parse("soon", "--lock-timeout"))
			.withMessageStartingWith("--lock-timeout 'soon' is not a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> DurationValue.parse("-3", "--lock-timeout"));
	}

}
