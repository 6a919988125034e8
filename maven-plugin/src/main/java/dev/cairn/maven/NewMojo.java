package dev.cairn.maven;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.maven.model.Dependency;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.NewMigration;
import dev.cairn.core.files.JavaMigrationSkeleton;

/**
 * Creates the next migration in the folder's own layout (golang-migrate, Flyway, goose, dbmate,
 * Prisma or plain, recognised as the engine recognises it), planned by {@link Cairn#newMigration}
 * exactly as the CLI's {@code create}:
 * {@code mvn cairn:new -Dname=add_orders [-Dtrack=core] [-DnoTransaction] [-Dundo]}, and prints the
 * paths it made. With {@code -Djava} it makes a Java migration instead: a class in
 * {@code -Dpackage} (or the configured {@code javaPackage}) under the project's source folder,
 * with the next version of the track's folder, raised above every version the package's Java
 * migrations return (see {@link JavaMigrationSkeleton}).
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

	/** Makes a Java migration rather than SQL files. */
	@Parameter(property = "java", defaultValue = "false")
	private boolean java;

	/** The package of the project's Java migrations, where {@code -Djava} puts the new class. */
	@Parameter(property = "package")
	private String javaPackage;

	/** The project's Java source folder. */
	@Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true)
	private File sourceDirectory;

	/** The project, to tell whether it is a Spring application (then the class is a {@code @Component}). */
	@Parameter(defaultValue = "${project}", readonly = true)
	private MavenProject project;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.name == null || this.name.isBlank()) {
			throw new MojoFailureException("Say what the migration does: mvn cairn:new -Dname=add_orders");
		}
		File target = folderOfTrack();
		if (this.java) {
			newJavaMigration(target);
			return;
		}
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

	private void newJavaMigration(File migrationsFolder) throws MojoExecutionException, MojoFailureException {
		if (this.javaPackage == null || this.javaPackage.isBlank()) {
			throw new MojoFailureException("Say which package the Java migration goes in: -Dpackage=com.example.migrations,"
					+ " or <javaPackage> in the plugin's configuration");
		}
		JavaMigrationSkeleton skeleton;
		try {
			skeleton = JavaMigrationSkeleton.plan(migrationsFolder.toPath(), this.sourceDirectory.toPath(),
					this.javaPackage, this.name, isSpringApplication(),
					NewMigration.Options.defaults().withNoTransaction(this.noTransaction));
			skeleton.write();
		}
		catch (CairnConfigurationException ex) {
			throw new MojoFailureException(ex.getMessage());
		}
		catch (UncheckedIOException ex) {
			throw new MojoExecutionException("Could not create the Java migration: " + ex.getMessage(), ex);
		}
		for (java.nio.file.Path unreadable : skeleton.unreadable()) {
			getLog().warn(shown(unreadable.toFile()) + ": its version() does not return a string literal, so its version"
					+ " was not taken into account: check that " + skeleton.version() + " is free (Cairn refuses two"
					+ " migrations of one version when it starts)");
		}
		getLog().info("Created " + shown(skeleton.file().toFile()) + " (version " + skeleton.version() + ")");
	}

	/** Whether the project uses Spring (the starter, or Spring itself): Java migrations are then beans. */
	private boolean isSpringApplication() {
		if (this.project == null) {
			return false;
		}
		for (Dependency dependency : this.project.getDependencies()) {
			if (dependency.getArtifactId().startsWith("cairn-spring-boot")
					|| dependency.getGroupId().startsWith("org.springframework")) {
				return true;
			}
		}
		return false;
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
