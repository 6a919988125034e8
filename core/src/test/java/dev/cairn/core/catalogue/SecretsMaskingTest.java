package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cairn.core.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The masking Cairn applies to what it puts into messages and logs.
 */
class SecretsMaskingTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true| jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true
			jdbc:postgresql://db/app?PASSWORD=hunter2| jdbc:postgresql://db/app?PASSWORD=***
			host=db user=app password=hunter2 dbname=app| host=db user=app password=*** dbname=app
			jdbc:postgresql://db/app?sslpassword=hunter2| jdbc:postgresql://db/app?sslpassword=***
			postgresql://app:hunter2@db:5432/app| postgresql://app:***@db:5432/app
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
		String message = "Check the URL, user and password Cairn uses; ALTER ROLE app PASSWORD NULL; user=app";
		assertThat(Secrets.mask(message)).isEqualTo(message);
		assertThat(Secrets.contains(message)).isFalse();
		assertThat(Secrets.mask(null)).isNull();
	}

}
