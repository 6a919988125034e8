package dev.cairn.core.internal.history;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class PgTextHashTests {

	@Test
	void hashesAsTheServerDoesForEveryTailLengthAndNonAsciiText() throws SQLException {
		DataSource dataSource = TestDatabase.createDatabase();
		Random random = new Random(7);
		try (Connection connection = dataSource.getConnection();
				PreparedStatement query = connection.prepareStatement("SELECT hashtextextended(?, ?)")) {
			for (int length = 0; length <= 80; length++) {
				StringBuilder text = new StringBuilder();
				for (int i = 0; i < length; i++) {
					text.append((char) ((i % 7 == 6) ? 0xe9 + random.nextInt(40) : 'a' + random.nextInt(26)));
				}
				for (long seed : new long[] { 0, 42, -1 }) {
					query.setString(1, text.toString());
					query.setLong(2, seed);
					try (ResultSet result = query.executeQuery()) {
						result.next();
						assertThat(PgTextHash.hash(text.toString().getBytes(StandardCharsets.UTF_8), seed))
							.as("'%s' seed %d", text, seed)
							.isEqualTo(result.getLong(1));
					}
				}
			}
		}
	}

}
