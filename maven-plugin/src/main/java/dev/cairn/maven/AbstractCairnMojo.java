package dev.cairn.maven;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.Version;

/**
 * What every goal shares: the migrations folders, one per track. Without {@code tracks} the
 * project has one folder, {@code src/main/resources/db/migrations} unless {@code folder} says
 * otherwise.
 */
abstract class AbstractCairnMojo extends AbstractMojo {

	/** The migrations folder of a project with one track. */
	@Parameter(property = "cairn.folder", defaultValue = "${project.basedir}/src/main/resources/db/migrations")
	protected File folder;

	/**
	 * The migrations folder of each track, by track name, for projects with several tracks:
	 * {@code <tracks><core>src/main/resources/db/core</core><vector>...</vector></tracks>}. Replaces {@code folder}.
	 */
	@Parameter
	protected Map<String, File> tracks = new LinkedHashMap<>();

	/** The project's folder, against which relative paths are shown. */
	@Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
	protected File basedir;

	/** Skips the goal. */
	@Parameter(property = "cairn.skip", defaultValue = "false")
	protected boolean skip;

	/** The folders to work on, by track name ({@code default} for a project with one folder). */
	protected Map<String, File> folders() {
		if (this.tracks == null || this.tracks.isEmpty()) {
			return Map.of("default", this.folder);
		}
		Map<String, File> folders = new LinkedHashMap<>();
		this.tracks.forEach((name, file) -> folders.put(name, file.isAbsolute() ? file : new File(this.basedir, file.getPath())));
		return folders;
	}

	/** A path as the user knows it: relative to the project when inside it. */
	protected String shown(File file) {
		try {
			return this.basedir.toPath().toAbsolutePath().relativize(file.toPath().toAbsolutePath()).toString();
		}
		catch (IllegalArgumentException ex) {
			return file.getPath();
		}
	}

	/** Parses {@code -Dcairn.allowLate=4,7}. */
	protected static Set<Version> versions(String text, String property) throws MojoFailureException {
		Set<Version> versions = new TreeSet<>();
		if (text == null || text.isBlank()) {
			return versions;
		}
		for (String part : text.split(",")) {
			try {
				versions.add(Version.parse(part.strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new MojoFailureException(property + ": " + ex.getMessage() + ": list versions separated by commas, as in 4,7");
			}
		}
		return versions;
	}

}
