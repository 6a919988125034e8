package dev.cairn.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.files.MigrationFolder;
import dev.cairn.core.files.NewMigration;

/**
 * Creates the next migration in the folder's own layout:
 * {@code mvn cairn:new -Dname=add_orders [-Dtrack=core] [-DnoTransaction]}, and prints the
 * paths it made.
 */
@Mojo(name = "new", requiresProject = true, threadSafe = true)
public class NewMojo extends AbstractCairnMojo {

	/** The migration's description, such as {@code add_orders}. */
	@Parameter(property = "name")
	private String name;

	/** The track whose folder gets the migration, when the project has several. */
	@Parameter(property = "track")
	private String track;

	/** Starts the files with {@code -- cairn:no-transaction}, for statements PostgreSQL refuses in a transaction. */
	@Parameter(property = "noTransaction", defaultValue = "false")
	private boolean noTransaction;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.name == null || this.name.isBlank()) {
			throw new MojoFailureException("Say what the migration does: mvn cairn:new -Dname=add_orders");
		}
		File target = folderOfTrack();
		Path root = target.toPath();
		List<NewMigration.NewFile> files;
		try {
			files = NewMigration.plan(MigrationFolder.read(root), this.name, this.noTransaction, Instant.now());
		}
		catch (IllegalArgumentException ex) {
			throw new MojoFailureException(ex.getMessage());
		}
		List<Path> written = new ArrayList<>();
		try {
			for (NewMigration.NewFile file : files) {
				Path path = root.resolve(file.script());
				Files.createDirectories(path.getParent());
				// CREATE_NEW: never overwrite a file that appeared since the folder was read.
				Files.writeString(path, file.content(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
				written.add(path);
			}
		}
		catch (IOException ex) {
			for (Path path : written) {
				try {
					Files.deleteIfExists(path);
				}
				catch (IOException ignored) {
					// best effort: the message below names the folder
				}
			}
			throw new MojoExecutionException("Could not create the migration in " + shown(target) + ": " + ex, ex);
		}
		for (Path path : written) {
			getLog().info("Created " + shown(path.toFile()));
		}
	}

	private File folderOfTrack() throws MojoFailureException {
		Map<String, File> folders = folders();
		if (this.track != null && !this.track.isBlank()) {
			File chosen = folders.get(this.track.strip());
			if (chosen == null) {
				throw new MojoFailureException("There is no track '" + this.track + "': the tracks are " + folders.keySet()
						+ " (configured as <tracks> of cairn-maven-plugin)");
			}
			return chosen;
		}
		if (folders.size() > 1) {
			throw new MojoFailureException("This project has the tracks " + folders.keySet()
					+ ": say which one gets the migration, as in -Dtrack=" + folders.keySet().iterator().next());
		}
		return folders.values().iterator().next();
	}

}
