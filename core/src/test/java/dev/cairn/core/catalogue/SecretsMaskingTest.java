package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cairn.core.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masking Cairn applies to what it puts into messages and logs, and the Spring Boot starter to
 * what health and the endpoint show: every rule of {@link Secrets}, once.
 */
class SecretsMaskingTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true| jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true
			jdbc:postgresql://db/app?PASSWORD=hunter2| jdbc:postgresql://db/app?PASSWORD=***
			host=db user=app password=hunter2 dbname=app| host=db user=app password=*** dbname=app
			jdbc:postgresql://db/app?sslpassword=hunter2| jdbc:postgresql://db/app?sslpassword=***
			user=app;Password=hunter2;host=db| user=app;Password=***;host=db
			PGPASSWORD=hunter2 psql -h db| PGPASSWORD=*** psql -h db
			spring.datasource.db_password = hunter2| spring.datasource.db_password = ***
			Server=db;Uid=app;Pwd=hunter2| Server=db;Uid=app;Pwd=***
			postgresql://app:hunter2@db:5432/app| postgresql://app:***@db:5432/app
			jdbc:postgresql://:hunter2@db/app| jdbc:postgresql://:***@db/app
			//app:hunter2@db:5432/app| //app:***@db:5432/app
			ALTER ROLE app WITH LOGIN PASSWORD 'hunter2'| ALTER ROLE app WITH LOGIN PASSWORD '***'
			CREATE ROLE app ENCRYPTED password 'it''s hunter2' VALID UNTIL 'infinity'| CREATE ROLE app ENCRYPTED password '***' VALID UNTIL 'infinity'
			ALTER ROLE app PASSWORD E'hunter\\'2'| ALTER ROLE app PASSWORD '***'
			ALTER ROLE app PASSWORD $pw$hunter2$pw$| ALTER ROLE app PASSWORD '***'
			ALTER ROLE app PASSWORD 'hunter2 cut off by left(query, 200)| ALTER ROLE app PASSWORD '***'
			CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password 'hunter2')| CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', password '***')
			SELECT dblink_connect('host=db password=hunter2')| SELECT dblink_connect('host=db password=***')
			SELECT dblink_connect('host=db password=''hunter 2'' dbname=app')| SELECT dblink_connect('host=db password=''***'' dbname=app')
			host=db password='hunter 2' user=app| host=db password='***' user=app
			host=db password='hunter\\' 2' user=app| host=db password='***' user=app
			CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', "password" 'hunter2')| CREATE USER MAPPING FOR app SERVER remote OPTIONS (user 'app', "password" '***')
			ALTER ROLE app PASSWORD U&'hunter\\00322'| ALTER ROLE app PASSWORD '***'
			ALTER ROLE app PASSWORD u&'hunter2' UESCAPE '!'| ALTER ROLE app PASSWORD '***' UESCAPE '!'
			ALTER ROLE app PASSWORD $$hunter2$$| ALTER ROLE app PASSWORD '***'
			{"user": "app", "password": "hunter 2"}| {"user": "app", "password": "***"}
			jdbc:postgresql://app:hun@ter2@db:5432/app| jdbc:postgresql://app:***@db:5432/app
			java.net.UnknownHostException: app:hunter2@db| java.net.UnknownHostException: app:***@db
			""")
	void passwordsAreMasked(String text, String masked) {
		assertThat(Secrets.mask(text)).isEqualTo(masked).doesNotContain("hunter");
		assertThat(Secrets.contains(text)).isTrue();
	}

	@Test
	void textWithoutPasswordsIsLeftAlone() {
		// An empty password hides nothing, so it is left as written.
		String message = "Check the URL, user and password Cairn uses; ALTER ROLE app PASSWORD NULL; user=app;"
				+ " jdbc:postgresql://app:@db/app?password=&ssl=true";
		assertThat(Secrets.mask(message)).isEqualTo(message);
		assertThat(Secrets.contains(message)).isFalse();
		assertThat(Secrets.mask(null)).isNull();
	}

	@Test
	void wordsNearPasswordsAreLeftAlone() {
		String message = "FATAL: password authentication failed for user \"app\"; the password: see the docs;"
				+ " time 12:03:11@UTC; ALTER ROLE app PASSWORD NULL; mail admin@example.com";
		assertThat(Secrets.mask(message)).isEqualTo(message);
	}

	@Test
	void everyMessageOfACauseChainIsMasked() {
		java.sql.SQLException cause = new java.sql.SQLException("connection to app:hunter2@db refused", "08001");
		java.sql.SQLException top = new java.sql.SQLException("The connection attempt failed.", "08001",
				new RuntimeException(new java.net.UnknownHostException("app:hunter2@db")));
		top.setNextException(cause);
		Throwable masked = Secrets.masked(top);
		StringBuilder all = new StringBuilder();
		for (Throwable each = masked; each != null; each = each.getCause()) {
			all.append(each).append('\n');
		}
		assertThat(all.toString()).doesNotContain("hunter")
			.contains("java.net.UnknownHostException: app:***@db")
			.contains("The connection attempt failed.");
		assertThat(((java.sql.SQLException) masked).getSQLState()).isEqualTo("08001");
		assertThat(masked.getStackTrace()).isEqualTo(top.getStackTrace());
	}

	@Test
	void aPasswordInANextExceptionIsNotPassedOn() {
		java.sql.SQLException batch = new java.sql.SQLException("Batch entry 0 was aborted", "42601");
		batch.setNextException(new java.sql.SQLException("ALTER ROLE app PASSWORD 'hunter2' failed", "42601"));
		Throwable masked = Secrets.masked(batch);
		assertThat(masked).isNotSameAs(batch);
		assertThat((Object) ((java.sql.SQLException) masked).getNextException()).isNull();
	}

	@Test
	void aChainWithoutPasswordsIsNotCopied() {
		RuntimeException clean = new RuntimeException("no secret", new IllegalStateException("none here"));
		assertThat(Secrets.masked(clean)).isSameAs(clean);
	}

}
