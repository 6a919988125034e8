package dev.cairn.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestCheck;
import dev.cairn.core.files.ManifestProblem;
import dev.cairn.core.files.MigrationFolder;

/**
 * Fails the build, without a database, when a migrations folder no longer matches its committed
 * manifest: a listed file edited, renamed or removed, two files sharing a version, a new file
 * below the highest listed version that is not allowed ({@code cairn.allowLate}), or a listed
 * file out of order without its {@code late} mark. One message per problem. Runs in the
 * {@code validate} phase, so every build checks it first.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = true, threadSafe = true)
public class VerifyMojo extends AbstractCairnMojo {

	/** Versions allowed below the highest listed one although not listed yet, as in {@code 4,7}. */
	@Parameter(property = "cairn.allowLate")
	private String allowLate;

	/** Whether a folder without a manifest fails the build (it does, so the gate cannot be lost by deleting the file). */
	@Parameter(property = "cairn.failIfNoManifest", defaultValue = "true")
	private boolean failIfNoManifest;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping cairn:verify (cairn.skip)");
			return;
		}
		List<String> failures = new ArrayList<>();
		int checked = 0;
		for (Map.Entry<String, File> track : folders().entrySet()) {
			Path root = track.getValue().toPath();
			Path file = root.resolve(Manifest.FILE_NAME);
			if (Files.exists(root.resolve(Manifest.INDEX_FILE_NAME))) {
				// A jar would carry it as it is, and the runtime would trust it over the files beside it.
				failures.add(shown(root.resolve(Manifest.INDEX_FILE_NAME).toFile()) + " is a generated index in the source"
						+ " folder: delete it; cairn:index writes it into the build output");
			}
			if (!Files.exists(file)) {
				String message = shown(file.toFile()) + " does not exist: create it with mvn cairn:manifest and commit it";
				if (this.failIfNoManifest) {
					failures.add(message);
				}
				else {
					getLog().warn(message);
				}
				continue;
			}
			Manifest manifest = Manifests.read(file, shown(file.toFile()));
			for (ManifestProblem problem : ManifestCheck.verify(manifest, MigrationFolder.read(root),
					versions(this.allowLate, "cairn.allowLate"))) {
				failures.add(shown(track.getValue()) + ": " + problem.message());
			}
			checked += manifest.entries().size();
		}
		if (!failures.isEmpty()) {
			throw new MojoFailureException(Manifests.report("The migrations do not match their manifest", failures)
					+ "\nTo record a deliberate change, run mvn cairn:manifest and commit cairn-manifest.txt.");
		}
		getLog().info("Migrations match their manifest (" + checked + " files listed)");
	}

}
