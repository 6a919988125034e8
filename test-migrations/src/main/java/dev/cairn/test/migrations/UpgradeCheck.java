package dev.cairn.test.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.test.SchemaFingerprint;

/**
 * Asserts that upgrading a database from the previous release's migrations gives the same
 * schema as a fresh install of the current ones, with two databases of the test's own:
 *
 * <pre>{@code
 * UpgradeCheck.from((cairn) -> cairn.locations("filesystem:src/test/resources/release-1.4"))
 *     .to((cairn) -> cairn.locations("classpath:db/migrations"))
 *     .assertSameSchema(freshDataSource, upgradedDataSource);
 * }</pre>
 *
 * The previous release's migrations can come from a folder ({@code filesystem:}), from the
 * previous release's jar ({@link #fromJar}), or from a git revision of the folder
 * ({@link #fromGit}). Both sides use the same track and history table;
 * the previous files must be the current files' older state (a changed file is drift and fails
 * the upgrade, as it would in production).
 */
public final class UpgradeCheck {

	private final Consumer<CairnConfiguration.Builder> previous;

	private final Consumer<CairnConfiguration.Builder> current;

	private final SchemaFingerprint.Options options;

	private UpgradeCheck(Consumer<CairnConfiguration.Builder> previous, Consumer<CairnConfiguration.Builder> current,
			SchemaFingerprint.Options options) {
		this.previous = previous;
		this.current = current;
		this.options = options;
	}

	/**
	 * Starts from the previous release's migrations.
	 * @param previous sets the previous release's locations (and class loader)
	 * @return the check
	 */
	public static UpgradeCheck from(Consumer<CairnConfiguration.Builder> previous) {
		return new UpgradeCheck(previous, previous, SchemaFingerprint.Options.defaults());
	}

	/**
	 * Starts from the migrations inside the previous release's jar.
	 * @param jar the jar (the service's jar, or a jar of its migrations)
	 * @param location the classpath location inside it, such as {@code classpath:db/migrations}
	 * @return the check
	 */
	public static UpgradeCheck fromJar(Path jar, String location) {
		if (!jar.toFile().isFile()) {
			throw new IllegalArgumentException(jar + " is not a file: give the previous release's jar");
		}
		URLClassLoader loader;
		try {
			loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return from((cairn) -> cairn.classLoader(loader).locations(location));
	}

	/**
	 * Starts from the migrations folder as it was at a git revision (a release tag, a commit),
	 * read with {@code git archive} into a temporary folder (deleted when the JVM exits); the
	 * working tree is not touched.
	 * @param repository the git repository (any folder inside its working tree)
	 * @param revision what {@code git} takes as a commit, such as {@code v1.4} or {@code HEAD~3}
	 * @param folder the migrations folder, relative to the repository's root, such as
	 * {@code src/main/resources/db/migrations}
	 * @return the check
	 * @throws IllegalArgumentException if git does not know the revision (a shallow clone, tags
	 * not fetched) or the folder held no files at that revision
	 * @throws IllegalStateException if git cannot be run
	 */
	public static UpgradeCheck fromGit(Path repository, String revision, String folder) {
		Path checkedOut = GitFolder.at(repository, revision, folder);
		return from((cairn) -> cairn.locations("filesystem:" + checkedOut));
	}

	/**
	 * The current release's migrations.
	 * @param current sets the current locations, track and history table
	 * @return a new check
	 */
	public UpgradeCheck to(Consumer<CairnConfiguration.Builder> current) {
		return new UpgradeCheck(this.previous, current, this.options);
	}

	/**
	 * Compares schemas with these options; the history table is always left out.
	 * @param options which schemas, objects left out, column order and privileges
	 * @return a new check
	 */
	public UpgradeCheck comparing(SchemaFingerprint.Options options) {
		return new UpgradeCheck(this.previous, this.current, options);
	}

	/**
	 * Installs the current migrations into {@code fresh}; applies the previous release's and
	 * then the current ones to {@code upgraded}; asserts both schemas are the same.
	 * @param fresh an empty database
	 * @param upgraded another empty database
	 * @throws AssertionError naming the failing step or each difference
	 */
	public void assertSameSchema(DataSource fresh, DataSource upgraded) {
		CairnConfiguration freshConfiguration = MigrationChecks.configuration(fresh, this.current);
		run("installing the current migrations into the fresh database", freshConfiguration);
		run("applying the previous release's migrations", MigrationChecks.configuration(upgraded, (cairn) -> {
			this.current.accept(cairn); // track, table and policies as now
			this.previous.accept(cairn);
		}));
		run("upgrading to the current migrations", MigrationChecks.configuration(upgraded, this.current));
		SchemaFingerprint.Options compared = this.options
			.ignoring(freshConfiguration.schema() + "." + freshConfiguration.table());
		MigrationChecks.same("the upgraded database's schema differs from a fresh install's",
				SchemaFingerprint.of(fresh, compared), SchemaFingerprint.of(upgraded, compared));
	}

	private static void run(String step, CairnConfiguration configuration) {
		try {
			new Cairn(configuration).migrate();
		}
		catch (CairnException ex) {
			throw new AssertionError(step + " failed: " + ex.getMessage(), ex);
		}
	}

}
