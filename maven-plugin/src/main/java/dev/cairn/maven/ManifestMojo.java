package dev.cairn.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestCheck;
import dev.cairn.core.files.ManifestProblem;
import dev.cairn.core.files.MigrationFolder;

/**
 * Writes (or brings up to date, on purpose) each migrations folder's committed manifest,
 * {@code cairn-manifest.txt}, and prints what changed. A new file below the highest version
 * listed is refused unless named in {@code -Dcairn.allowLate=4}, and is then listed with the
 * {@code late} mark.
 */
@Mojo(name = "manifest", requiresProject = true, threadSafe = true)
public class ManifestMojo extends AbstractCairnMojo {

	/** Versions that may be listed below the highest version already listed (a branch merged late), as in {@code 4,7}. */
	@Parameter(property = "cairn.allowLate")
	private String allowLate;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping cairn:manifest (cairn.skip)");
			return;
		}
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, File> track : folders().entrySet()) {
			Path root = track.getValue().toPath();
			if (!Files.isDirectory(root)) {
				failures.add(shown(track.getValue()) + " is not a folder: create it (mvn cairn:new -Dname=...) or configure"
						+ " the folder of track " + track.getKey());
				continue;
			}
			Path file = root.resolve(Manifest.FILE_NAME);
			Manifest previous = Files.exists(file) ? Manifests.read(file, shown(file.toFile())) : null;
			ManifestCheck.Update update = ManifestCheck.update(previous, MigrationFolder.read(root),
					versions(this.allowLate, "cairn.allowLate"));
			if (!update.problems().isEmpty()) {
				for (ManifestProblem problem : update.problems()) {
					failures.add(shown(track.getValue()) + ": " + problem.message());
				}
				continue;
			}
			String text = update.manifest().format();
			try {
				if (previous == null || !text.equals(Files.readString(file, StandardCharsets.UTF_8))) {
					Files.writeString(file, text, StandardCharsets.UTF_8);
				}
			}
			catch (IOException ex) {
				throw new MojoExecutionException("Could not write " + shown(file.toFile()) + ": " + ex, ex);
			}
			if (update.changes().isEmpty()) {
				getLog().info(shown(file.toFile()) + " is up to date (" + update.manifest().entries().size() + " files)");
			}
			for (String change : update.changes()) {
				getLog().info(shown(file.toFile()) + ": " + change);
			}
		}
		if (!failures.isEmpty()) {
			throw new MojoFailureException(Manifests.report("The manifest was not written", failures));
		}
	}

}
