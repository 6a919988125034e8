package dev.cairn.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.Location;
import dev.cairn.core.files.FolderFile;
import dev.cairn.core.files.Manifest;
import dev.cairn.core.files.ManifestEntry;
import dev.cairn.core.files.MigrationFolder;

/**
 * Writes the migration index of each classpath location into the build output
 * ({@code <location>/.cairn-index}, such as {@code db/migrations/.cairn-index}), from the files the jar will hold,
 * in {@code prepare-package}: after resources are copied, before the jar is made. Inside that
 * jar the runtime reads the index instead of listing and hashing the files.
 */
@Mojo(name = "index", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, requiresProject = true, threadSafe = true)
public class IndexMojo extends AbstractCairnMojo {

	/** The classpath locations to index, as configured in {@code cairn.locations} ({@code classpath:} prefix optional). */
	@Parameter(property = "cairn.locations", defaultValue = "db/migrations")
	private List<String> locations = new ArrayList<>();

	/** The folder the jar is made from. */
	@Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
	private File outputDirectory;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping cairn:index (cairn.skip)");
			return;
		}
		for (String text : this.locations) {
			Location location;
			try {
				location = Location.parse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new MojoFailureException("cairn.locations: " + ex.getMessage());
			}
			if (location.kind() != Location.Kind.CLASSPATH) {
				getLog().info(location + " is not on the classpath: nothing to index");
				continue;
			}
			Path root = this.outputDirectory.toPath().resolve(location.path());
			Path index = this.outputDirectory.toPath().resolve(Manifest.indexPath(location.path()));
			if (!Files.isDirectory(root)) {
				getLog().info(shown(root.toFile()) + " does not exist: no index for " + location);
				continue;
			}
			MigrationFolder folder = MigrationFolder.read(root);
			if (!folder.problems().isEmpty()) {
				// An index without those files would hide them from the runtime's checks.
				throw new MojoFailureException(Manifests.report("No index is written for " + location, folder.problems()));
			}
			List<ManifestEntry> entries = new ArrayList<>();
			for (FolderFile file : folder.files()) {
				entries.add(new ManifestEntry(file.version(), false, file.checksum(), file.script()));
			}
			try {
				Files.createDirectories(index.getParent());
				Files.writeString(index, new Manifest(entries).format(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new MojoExecutionException("Could not write " + index + ": " + ex, ex);
			}
			getLog().info("Indexed " + entries.size() + " files of " + location + " in " + shown(index.toFile()));
		}
	}

}
