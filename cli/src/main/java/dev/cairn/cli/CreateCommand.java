package dev.cairn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.cairn.core.Cairn;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.NewMigration;
import dev.cairn.core.command.ExitCode;
import dev.cairn.core.files.JavaMigrationSkeleton;

/**
 * {@code cairn create NAME}: the next migration's files in the folder's layout, numbering and
 * padding (golang-migrate's {@code create}, dbmate's {@code new}). Needs no database.
 */
@Command(name = "create", aliases = "new", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Create the next migration's files in the folder's layout, recognised as migrate recognises it:"
				+ " a golang-migrate pair (NNNNNN_name.up.sql and .down.sql), a Flyway V file, a goose or dbmate file"
				+ " with both sections, a Prisma folder or a plain script; the version is the highest one plus one (or"
				+ " the current UTC time in a folder numbered by timestamp), never reused. Needs no database." })
final class CreateCommand extends EngineCommand {

	@Parameters(paramLabel = "NAME", arity = "1..*", description = "What the migration does; words are joined with '_'.")
	List<String> name;

	@Option(names = { "--dir", "-dir" }, paramLabel = "DIR",
			description = "The folder (golang-migrate's create -dir); default: the one --path names.")
	@Nullable String dir;

	@Option(names = { "--layout" }, paramLabel = "LAYOUT",
			description = "golang-migrate, flyway, goose, dbmate, prisma or plain; default: as the folder's files are"
					+ " (golang-migrate in an empty folder).")
	@Nullable String layout;

	@Option(names = { "--seq", "-seq" }, description = "Number by sequence (highest plus one).")
	boolean sequence;

	@Option(names = { "--timestamp" }, description = "Number by the current UTC time, yyyyMMddHHmmss.")
	boolean timestamp;

	@Option(names = { "--digits", "-digits", "--seq-digits", "-seq-digits" }, paramLabel = "N",
			description = "Pad sequence numbers to N digits; default: as the folder's files are (6 in an empty folder).")
	@Nullable Integer digits;

	@Option(names = { "--undo" }, description = "Flyway layout: also create the U (undo) file.")
	boolean undo;

	@Option(names = { "--no-transaction" },
			description = "Say in the files that they run without a transaction (CREATE INDEX CONCURRENTLY), in the layout's own words.")
	boolean noTransaction;

	@Option(names = { "--ext", "-ext" }, paramLabel = "EXT", description = "golang-migrate's extension option: only sql.")
	@Nullable String extension;

	@Option(names = { "--java" }, description = "Create a Java migration instead: a class in --package under --java-source,"
			+ " with the folder's next version raised above every version the package's Java migrations return.")
	boolean java;

	@Option(names = { "--package" }, paramLabel = "PACKAGE",
			description = "With --java: the package of the project's Java migrations, such as com.example.migrations.")
	@Nullable String javaPackage;

	@Option(names = { "--java-source" }, paramLabel = "DIR", defaultValue = "src/main/java",
			description = "With --java: the Java source folder; default: ${DEFAULT-VALUE}.")
	Path sourceRoot;

	@Option(names = { "--component" }, negatable = true,
			description = "With --java: annotate the class with Spring's @Component, so an application using the"
					+ " starter runs it; default: when a pom.xml or build.gradle(.kts) next to the source folder names"
					+ " org.springframework or the Cairn starter.")
	@Nullable Boolean component;

	@Override
	int execute() {
		if (this.extension != null && !this.extension.replaceFirst("^\\.", "").equalsIgnoreCase("sql")) {
			return usage("--ext " + this.extension + ": Cairn reads .sql files only");
		}
		if (this.sequence && this.timestamp) {
			return usage("--seq and --timestamp exclude each other: give one");
		}
		NewMigration.Options options = NewMigration.Options.defaults()
			.withNumbering(this.sequence ? NewMigration.Numbering.SEQUENCE
					: this.timestamp ? NewMigration.Numbering.TIMESTAMP : null)
			.withDigits(this.digits)
			.withUndo(this.undo)
			.withNoTransaction(this.noTransaction);
		if (this.layout != null) {
			String wanted = this.layout.strip().toLowerCase(Locale.ROOT);
			try {
				options = options.withLayout(
						wanted.equals("golang") || wanted.equals("migrate") ? MigrationLayout.GOLANG_MIGRATE
								: MigrationLayout.parse(wanted));
			}
			catch (IllegalArgumentException ex) {
				return usage("--" + ex.getMessage());
			}
		}
		Path folder;
		if (this.dir != null) {
			folder = Path.of(this.dir);
		}
		else {
			Settings settings = new Settings(options(), this.environment);
			List<Path> folders;
			if (settings.hasTracks()) {
				// The folder of the one track --track names, as the plugin's -Dtrack does.
				java.util.Map<String, List<Path>> tracks = settings.trackFolders();
				List<String> selected = settings.trackSelection();
				if (selected.size() != 1 || !tracks.containsKey(selected.get(0))) {
					return usage("create writes into one track's folder: give --track with one of " + tracks.keySet()
							+ ", or --dir");
				}
				folders = tracks.get(selected.get(0));
			}
			else {
				folders = settings.folders();
			}
			if (folders.size() != 1) {
				return usage("create writes into one folder, and " + folders.size() + " are configured: give --dir");
			}
			folder = folders.get(0);
		}
		if (this.java) {
			return createJava(folder, options);
		}
		NewMigration next = Cairn.newMigration(folder, String.join(" ", this.name), options);
		List<Path> files;
		try {
			files = next.write();
		}
		catch (UncheckedIOException ex) {
			err().println("create: " + ex.getMessage());
			return ExitCode.OTHER_ERROR.code();
		}
		return created(next.version().toString(), next.layout().displayName(), files);
	}

	/** Prints the files made, one per line or as the JSON result. */
	private int created(String version, String layout, List<Path> files) {
		if (json()) {
			out().println("{\"operation\":\"create\",\"outcome\":\"success\",\"exitCode\":0,\"version\":\"" + version
					+ "\",\"layout\":\"" + layout + "\",\"files\":["
					+ String.join(",", files.stream().map((file) -> Json.quote(file.toString())).toList()) + "]}");
		}
		else {
			files.forEach((file) -> out().println(file));
		}
		return ExitCode.SUCCESS.code();
	}


	private int createJava(Path folder, NewMigration.Options options) {
		if (this.javaPackage == null || this.javaPackage.isBlank()) {
			return usage("--java needs --package: the package of the project's Java migrations, such as"
					+ " com.example.migrations");
		}
		if (this.undo) {
			return usage("--undo makes a Flyway undo file; a Java migration has no undo file");
		}
		boolean spring = (this.component != null) ? this.component : usesSpring(this.sourceRoot);
		JavaMigrationSkeleton skeleton;
		Path file;
		try {
			skeleton = JavaMigrationSkeleton.plan(folder, this.sourceRoot, this.javaPackage, String.join(" ", this.name),
					spring, options);
			file = skeleton.write();
		}
		catch (UncheckedIOException ex) {
			err().println("create: " + ex.getMessage());
			return ExitCode.OTHER_ERROR.code();
		}
		for (Path unreadable : skeleton.unreadable()) {
			err().println("create: warning: " + unreadable + " returns a version that is not a string literal, so it"
					+ " was not counted; Cairn refuses two migrations of one version when it starts");
		}
		return created(skeleton.version().toString(), "java", List.of(file));
	}

	/**
	 * Whether the build file of the project the source folder belongs to (src/main/java: three
	 * folders up) names Spring or the Cairn starter: its Java migrations are then beans.
	 */
	private static boolean usesSpring(Path sourceRoot) {
		Path project = sourceRoot.toAbsolutePath().normalize();
		for (int i = 0; i < 3 && project.getParent() != null; i++) {
			project = project.getParent();
		}
		for (String build : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
			Path file = project.resolve(build);
			try {
				if (Files.isRegularFile(file)) {
					String text = Files.readString(file);
					if (text.contains("org.springframework") || text.contains("cairn-spring-boot")) {
						return true;
					}
				}
			}
			catch (IOException | UncheckedIOException ex) {
				// an unreadable build file: no annotation, as without one; --component says otherwise
			}
		}
		return false;
	}
}
