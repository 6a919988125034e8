package dev.cairn.core;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.test.TestDatabase;

/**
 * A test of the engine against real PostgreSQL: a migrations folder and a database of its own
 * for every test method.
 */
abstract class MigrationTest {

	@TempDir
	Path folder;

	Migrations migrations;

	PGSimpleDataSource dataSource;

	@BeforeEach
	void createFolderAndDatabase() {
		this.migrations = new Migrations(this.folder);
		this.dataSource = TestDatabase.createDatabase();
	}

}
