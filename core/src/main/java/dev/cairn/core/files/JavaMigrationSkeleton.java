package dev.cairn.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.lang.model.SourceVersion;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.NewMigration;
import dev.cairn.core.Version;

/**
 * The source of a new Java migration: a class in the given package implementing
 * {@link dev.cairn.core.JavaMigration}, with the next free version of its track.
 *
 * <p>The version is the one {@link Cairn#newMigration} would give the next SQL file of the
 * migrations folder, raised above every version the package's Java migrations already return.
 * Those are read from the sources, not from compiled classes: a Java migration is usually a bean
 * whose constructor needs the application, so it cannot be made to ask it. A {@code version()}
 * that returns a string literal is read; one that computes its version is listed in
 * {@link #unreadable()}, and the caller says so (Cairn refuses two migrations of one version
 * when it starts, so a clash is caught, only later).
 *
 * @param file the source file to create
 * @param className the class's simple name
 * @param version the version it returns
 * @param content the source
 * @param unreadable the package's Java migrations whose version could not be read from their source
 */
public record JavaMigrationSkeleton(Path file, String className, Version version, String content,
		List<Path> unreadable) {

	private static final String VERSION_METHOD = "String version()";

	public JavaMigrationSkeleton {
		unreadable = List.copyOf(unreadable);
	}

	/**
	 * Plans the class.
	 * @param migrationsFolder the track's SQL folder, whose layout and numbering the version follows
	 * @param sourceRoot the Java source root, such as {@code src/main/java}
	 * @param javaPackage the package of the project's Java migrations
	 * @param name what the migration does, as for a SQL migration ({@code backfill_titles})
	 * @param component whether to annotate the class with Spring's {@code @Component} (an
	 * application using the starter picks up every {@code JavaMigration} bean)
	 * @param options the numbering options, as for a SQL migration; {@code noTransaction} makes the
	 * class say {@code transactional() == false}
	 * @return the plan
	 * @throws CairnConfigurationException naming what is wrong: the package, the name, a class that
	 * exists, a version that cannot be raised
	 */
	public static JavaMigrationSkeleton plan(Path migrationsFolder, Path sourceRoot, String javaPackage, String name,
			boolean component, NewMigration.Options options) {
		String packageName = javaPackage.strip();
		if (!SourceVersion.isName(packageName)) {
			throw new CairnConfigurationException("'" + javaPackage + "' is not a Java package name: give the package of"
					+ " the project's Java migrations, such as com.example.migrations");
		}
		NewMigration sql = Cairn.newMigration(migrationsFolder, name, options);
		Path folder = sourceRoot.resolve(packageName.replace('.', '/'));
		List<Path> unreadable = new ArrayList<>();
		Version highestJava = null;
		for (Path source : javaSources(folder)) {
			String text = read(source);
			if (!text.contains("JavaMigration")) {
				continue;
			}
			Version version = literalVersion(text);
			if (version == null) {
				unreadable.add(source);
			}
			else if (highestJava == null || version.compareTo(highestJava) > 0) {
				highestJava = version;
			}
		}
		Version version = sql.version();
		if (highestJava != null && highestJava.compareTo(version) >= 0) {
			version = next(highestJava);
		}
		String className = className(name);
		Path file = folder.resolve(className + ".java");
		if (Files.exists(file)) {
			throw new CairnConfigurationException(file + " exists: give the migration another name");
		}
		return new JavaMigrationSkeleton(file, className, version,
				source(packageName, className, version, name, component, options.noTransaction()), unreadable);
	}

	/**
	 * Creates the file and its package folders; the file must not exist yet.
	 * @return the file
	 */
	public Path write() {
		try {
			Files.createDirectories(this.file.getParent());
			Files.writeString(this.file, this.content, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW);
			return this.file;
		}
		catch (FileAlreadyExistsException ex) {
			throw new CairnConfigurationException(this.file + " exists: give the migration another name");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The version a {@code version()} method returns as a string literal, or {@code null}. */
	static @Nullable Version literalVersion(String source) {
		int method = source.indexOf(VERSION_METHOD);
		if (method < 0) {
			return null;
		}
		int open = source.indexOf('{', method);
		int close = (open >= 0) ? source.indexOf('}', open) : -1;
		if (close < 0) {
			return null;
		}
		String body = source.substring(open + 1, close).strip();
		if (!body.startsWith("return") || !body.endsWith(";")) {
			return null;
		}
		String value = body.substring("return".length(), body.length() - 1).strip();
		if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
			return null;
		}
		try {
			return Version.parse(value.substring(1, value.length() - 1));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The version after {@code highest}: its last part plus one ({@code 8} to {@code 9}, {@code 1.4} to {@code 1.5}). */
	private static Version next(Version highest) {
		String text = highest.toString();
		int dot = text.lastIndexOf('.');
		long last = Long.parseLong(text.substring(dot + 1));
		if (last == Long.MAX_VALUE) {
			throw new CairnConfigurationException("The highest Java migration version " + text + " cannot be raised");
		}
		return Version.parse(text.substring(0, dot + 1) + (last + 1));
	}

	/** The class name of a migration name: its words capitalised and joined ({@code backfill_titles}: {@code BackfillTitles}). */
	static String className(String name) {
		StringBuilder className = new StringBuilder();
		for (String word : name.strip().split("[^A-Za-z0-9]+")) {
			if (!word.isEmpty()) {
				className.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
			}
		}
		if (className.length() > 0 && !Character.isJavaIdentifierStart(className.charAt(0))) {
			className.insert(0, 'V');
		}
		String made = className.toString();
		if (made.isEmpty() || !SourceVersion.isIdentifier(made) || SourceVersion.isKeyword(made)) {
			throw new CairnConfigurationException("The migration name '" + name + "' gives no Java class name: use"
					+ " words of ASCII letters and digits, such as backfill_titles");
		}
		return made;
	}

	private static String source(String packageName, String className, Version version, String name,
			boolean component, boolean noTransaction) {
		String description = name.strip().replaceAll("[\\s_]+", " ").toLowerCase(Locale.ROOT);
		StringBuilder source = new StringBuilder();
		source.append("package ").append(packageName).append(";\n\n");
		if (component) {
			source.append("import org.springframework.stereotype.Component;\n\n");
		}
		source.append("import dev.cairn.core.JavaMigration;\nimport dev.cairn.core.JavaMigrationContext;\n\n");
		source.append("/**\n * Version ").append(version).append(": ").append(description).append(".\n */\n");
		if (component) {
			source.append("@Component\n");
		}
		source.append("public class ").append(className).append(" implements JavaMigration {\n\n");
		source.append("\t@Override\n\tpublic String version() {\n\t\treturn \"").append(version).append("\";\n\t}\n\n");
		source.append("\t@Override\n\tpublic String description() {\n\t\treturn \"").append(description)
			.append("\";\n\t}\n\n");
		if (noTransaction) {
			source.append("\t@Override\n\tpublic boolean transactional() {\n\t\treturn false;\n\t}\n\n");
		}
		source.append("\t@Override\n\tpublic void migrate(JavaMigrationContext context) throws Exception {\n");
		source.append(noTransaction
				? "\t\t// Runs without a transaction: make each step safe to run again after an interruption.\n"
				: "\t\t// Runs in the transaction that records it: context.connection() is that transaction's.\n");
		source.append("\t}\n\n}\n");
		return source.toString();
	}

	private static List<Path> javaSources(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".java")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path source) {
		try {
			return Files.readString(source, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
