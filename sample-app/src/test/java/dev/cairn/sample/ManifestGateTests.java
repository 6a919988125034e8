package dev.cairn.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestCheck;
import dev.cairn.core.files.ManifestProblem;
import dev.cairn.core.files.MigrationFolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifest gate of the app's migrations, as {@code cairn:verify} runs it in a service's
 * build: a migration listed in the committed {@code cairn-manifest.txt} that was edited, renamed
 * or removed, two files with one version, or a new file below the highest listed version fails
 * {@code ./mvnw verify}. The sample checks it with a test rather than with the plugin because
 * the plugin is built in this same reactor, where the quick start's {@code spring-boot:run}
 * could not resolve it; a service uses the plugin (maven-plugin.md).
 */
class ManifestGateTests {

	private static final Path FOLDER = Path.of("src/main/resources/db/migrations");

	@Test
	void theMigrationsMatchTheirCommittedManifest() throws IOException {
		Path file = FOLDER.resolve(Manifest.FILE_NAME);
		assertThat(file).as("the committed manifest; create it with mvn cairn:manifest").exists();
		Manifest manifest = Manifest.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
		List<ManifestProblem> problems = ManifestCheck.verify(manifest, MigrationFolder.read(FOLDER), Set.of());
		assertThat(problems).as("the migrations do not match their manifest; to record a deliberate change, run"
				+ " mvn cairn:manifest and commit cairn-manifest.txt").isEmpty();
	}

}
