package dev.cairn.sample;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The app running on a random port against a fresh database of its own (see
 * {@link TestServers}), with a client for its HTTP API and JDBC access to its database. Test
 * classes add {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with their own properties.
 */
abstract class RunningAppTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	protected RestTestClient client;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestServers.useFreshDatabase(registry);
	}

	@BeforeEach
	void client() {
		this.client = TestServers.client(this.port);
	}

}
