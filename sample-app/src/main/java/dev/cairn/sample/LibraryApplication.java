package dev.cairn.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small library service: authors, books and loans over PostgreSQL with {@code JdbcClient}.
 * Its schema comes only from the SQL files in {@code db/migrations}, which the Cairn starter
 * applies on start-up. Without {@code spring.datasource.url} it starts an embedded PostgreSQL
 * (see {@link dev.cairn.sample.embedded.EmbeddedPostgresBootstrap}).
 */
@SpringBootApplication
public class LibraryApplication {

	public static void main(String[] args) {
		SpringApplication.run(LibraryApplication.class, args);
	}

}
