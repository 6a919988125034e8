package dev.cairn.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.cairn.test.TestDatabase;
import dev.cairn.test.migrations.MigrationChecks;

/**
 * The app's versioned migrations can be undone and applied again, each on its own and all
 * together, and after migrating the applied set is exactly the files: checked with
 * cairn-test-migrations on every build. The repeatable view is left out: rollback never undoes a
 * repeatable (it is the view's current definition, re-applied when it changes), so with it the
 * down files of the tables it reads could not run; it is checked by the endpoint tests instead.
 */
class MigrationsRoundTripTests {

	@TempDir
	Path folder;

	private MigrationChecks checks() throws IOException {
		for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:db/migrations/*.sql")) {
			String name = resource.getFilename();
			if (name != null && !name.startsWith("R__")) {
				try (InputStream in = resource.getInputStream()) {
					Files.copy(in, this.folder.resolve(name));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return MigrationChecks.of(TestDatabase.createDatabase(),
				(cairn) -> cairn.locations("filesystem:" + this.folder.toAbsolutePath()));
	}

	@Test
	void everyMigrationIsUndoneByItsDownFileStepByStep() throws IOException {
		MigrationChecks checks = checks();
		checks.assertStepByStep();
		checks.assertAppliedMatchesFiles();
	}

	@Test
	void undoingEverythingAndApplyingAgainGivesTheSameSchema() throws IOException {
		MigrationChecks checks = checks();
		checks.assertRoundTrip();
		checks.assertAppliedMatchesFiles();
	}

}
