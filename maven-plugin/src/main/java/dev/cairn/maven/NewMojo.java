package dev.cairn.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.NewMigration;

/**
 * Creates the next migration in the folder's own layout (golang-migrate, Flyway, goose, dbmate,
 * Prisma or plain, recognised as the engine recognises it), planned by {@link Cairn#newMigration}
 * exactly as the CLI's {@code create}:
 * {@code mvn cairn:new -Dname=add_orders [-Dtrack=core] [-DnoTransaction] [-Dundo]}, and prints the
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

	/** Flyway layout: also creates the {@code U} (undo) file (made anyway in a folder that has undo files). */
	@Parameter(property = "undo", defaultValue = "false")
	private boolean undo;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.name == null || this.name.isBlank()) {
			throw new MojoFailureException("Say what the migration does: mvn cairn:new -Dname=add_orders");
		}
		File target = folderOfTrack();
		List<Path> written;
		try {
			NewMigration next = Cairn.newMigration(target.toPath(), this.name,
					NewMigration.Options.defaults().withNoTransaction(this.noTransaction).withUndo(this.undo));
			written = next.write();
		}
		catch (CairnConfigurationException ex) {
			throw new MojoFailureException(ex.getMessage());
		}
		catch (UncheckedIOException ex) {
			throw new MojoExecutionException("Could not create the migration in " + shown(target) + ": " + ex.getMessage(),
					ex);
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
