package dev.cairn.autoconfigure.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import dev.cairn.autoconfigure.integration.jartrack.WidgetsTrackAutoConfiguration;
import dev.cairn.core.TrackSet;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A library jar on the classpath adds its series of migrations: the jar, built here, holds only
 * an {@code AutoConfiguration.imports} naming its auto-configuration and the series' SQL files,
 * read from inside the jar. The application runs it after its own track, and switches it off
 * by name. A jar written without directory entries hides its folder from the class loader: the
 * failure says so.
 */
class ContributedTrackJarTests {

	@TempDir
	Path folder;

	private Path jar;

	private PGSimpleDataSource database;

	@BeforeEach
	void buildTheLibraryJar() throws IOException {
		this.jar = libraryJar("widgets-lib.jar", true);
		this.database = TestDatabase.createDatabase();
	}

	/** The library's jar; with directory entries, as Maven and Gradle write them. */
	private Path libraryJar(String name, boolean directoryEntries) throws IOException {
		Path path = this.folder.resolve(name);
		try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file)) {
			if (directoryEntries) {
				for (String folder : new String[] { "META-INF/", "META-INF/spring/", "widgets-lib/",
						"widgets-lib/migrations/" }) {
					out.putNextEntry(new JarEntry(folder));
					out.closeEntry();
				}
			}
			entry(out, "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports",
					WidgetsTrackAutoConfiguration.class.getName() + "\n");
			entry(out, "widgets-lib/migrations/000001_widgets.up.sql",
					"CREATE TABLE widgets (id int PRIMARY KEY, note_id int REFERENCES notes);");
			entry(out, "widgets-lib/migrations/000001_widgets.down.sql", "DROP TABLE widgets;");
		}
		return path;
	}

	private static void entry(JarOutputStream out, String name, String text) throws IOException {
		out.putNextEntry(new JarEntry(name));
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.closeEntry();
	}

	private ConfigurableApplicationContext start(URLClassLoader classpath, String... more) {
		return new SpringApplicationBuilder(CairnTestApplication.class).resourceLoader(new DefaultResourceLoader(classpath))
			.properties("spring.datasource.url=" + TestDatabase.urlFor(this.database.getDatabaseName()),
					"cairn.tracks.core.locations=classpath:cairn/tenant")
			.properties(more)
			.run();
	}

	@Test
	void theJarsTrackRunsAfterTheApplicationsOwnFromInsideTheJar() throws IOException {
		try (URLClassLoader classpath = new URLClassLoader(new URL[] { this.jar.toUri().toURL() },
				getClass().getClassLoader()); ConfigurableApplicationContext context = start(classpath)) {
			assertThat(context.getBean(TrackSet.class).names()).containsExactly("core", "widgets");
			assertThat(Sql.column(this.database, "SELECT script FROM cairn_history_widgets"))
				.containsExactly("000001_widgets.up.sql");
			assertThat(Sql.tableExists(this.database, "public.widgets")).isTrue();
		}
	}

	@Test
	void theApplicationSwitchesTheJarsTrackOffByName() throws IOException {
		try (URLClassLoader classpath = new URLClassLoader(new URL[] { this.jar.toUri().toURL() },
				getClass().getClassLoader());
				ConfigurableApplicationContext context = start(classpath, "cairn.tracks.widgets.enabled=false")) {
			assertThat(context.getBean(TrackSet.class).names()).containsExactly("core", "widgets");
			assertThat(Sql.tableExists(this.database, "public.widgets")).isFalse();
			assertThat(Sql.tableExists(this.database, "public.cairn_history_widgets")).isFalse();
		}
	}

	@Test
	void aJarWithoutDirectoryEntriesFailsSayingWhyItsFolderIsNotFound() throws IOException {
		Path bare = libraryJar("widgets-lib-bare.jar", false);
		try (URLClassLoader classpath = new URLClassLoader(new URL[] { bare.toUri().toURL() },
				getClass().getClassLoader())) {
			assertThatThrownBy(() -> start(classpath).close()).hasStackTraceContaining(
					"location classpath:widgets-lib/migrations does not exist on the classpath: create it, or fix the"
							+ " configured locations; if its files are in a jar, the jar needs the folder's directory"
							+ " entries");
		}
		assertThat(Sql.tableExists(this.database, "public.notes")).as("the application's own track ran first").isTrue();
	}

	@Test
	void withoutTheJarThereIsNoSuchTrack() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CairnTestApplication.class)
			.properties("spring.datasource.url=" + TestDatabase.urlFor(this.database.getDatabaseName()),
					"cairn.tracks.core.locations=classpath:cairn/tenant")
			.run()) {
			assertThat(context.getBean(TrackSet.class).names()).containsExactly("core");
		}
	}

}
