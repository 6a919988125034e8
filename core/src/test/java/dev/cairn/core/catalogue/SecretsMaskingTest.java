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

}
