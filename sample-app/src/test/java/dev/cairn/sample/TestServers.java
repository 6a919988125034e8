package dev.cairn.sample;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.client.RestTestClient;

import dev.cairn.test.TestDatabase;

/**
 * Where the tests' PostgreSQL and the app under test are.
 */
final class TestServers {

	private TestServers() {
	}

	/**
	 * Points the app at a new empty database on the test server: the one named by
	 * {@code CAIRN_TEST_JDBC_URL}, otherwise an embedded PostgreSQL shared by the test JVM.
	 * A URL is then configured, so the app's own embedded PostgreSQL stays off.
	 * @return the database's JDBC URL
	 */
	static String useFreshDatabase(DynamicPropertyRegistry registry) {
		String url = freshDatabase();
		registry.add("spring.datasource.url", () -> url);
		return url;
	}

	/** A new empty database on the test server; its JDBC URL. */
	static String freshDatabase() {
		return TestDatabase.urlFor(TestDatabase.createDatabase().getDatabaseName());
	}

	static RestTestClient client(int port) {
		return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

}
