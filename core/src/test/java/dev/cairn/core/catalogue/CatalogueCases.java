package dev.cairn.core.catalogue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrateResult;
import dev.cairn.core.Problem;
import dev.cairn.core.ValidationResult;
import dev.cairn.test.SchemaSnapshot;
import dev.cairn.test.SchemaSnapshot.Scope;
import dev.cairn.test.Sql;
import dev.cairn.test.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What every catalogue case works with: a folder of migration files, a fresh database, and
 * the two ways a case ends, {@link #refused} and {@link #accepted}, which check the database
 * and record the case in the {@link Catalogue}.
 */
abstract class CatalogueCases {

	static final String REFUSED = "refused, nothing changed";

	private static final Pattern STACK_TRACE_HEADLINE = Pattern
		.compile("(^|\\s)([a-z_$][a-z0-9_$]*\\.)+[A-Z][A-Za-z0-9_$]*(Exception|Error)\\b|\\tat |Caused by:");

	private static final Pattern DATABASE_NAME = Pattern.compile("cairn_test_\\d+(_\\d+)+");

	private static final Pattern TIMESTAMP = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?");

	@TempDir
	Path folder;

	private PGSimpleDataSource database;

	private String databaseName;

	private final List<String> roles = new ArrayList<>();

	@BeforeEach
	void createFolder() throws IOException {
		Files.createDirectories(migrations());
	}

	@AfterEach
	void dropRoles() {
		if (this.database == null) {
			return;
		}
		for (String role : this.roles) {
			TestDatabase.execute(this.database, "DROP OWNED BY " + role);
			TestDatabase.execute(TestDatabase.adminDataSource(), "DROP ROLE IF EXISTS " + role);
		}
	}

	/** The folder migrations are read from (a sub-folder of the test's temporary folder). */
	Path migrations() {
		return this.folder.resolve("migrations");
	}

	CatalogueCases write(String name, String sql) {
		return write(name, sql.getBytes(StandardCharsets.UTF_8));
	}

	CatalogueCases write(String name, byte[] content) {
		try {
			Path file = migrations().resolve(name);
			Files.createDirectories(file.getParent());
			Files.write(file, content);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A fresh database of this case, as a superuser. */
	PGSimpleDataSource database() {
		if (this.database == null) {
			this.database = TestDatabase.createDatabase();
			String url = this.database.getUrl();
			this.databaseName = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*", "");
		}
		return this.database;
	}

	String databaseName() {
		database();
		return this.databaseName;
	}

	/**
	 * A login role for this case, dropped after it; named after the database so parallel
	 * builds never share one.
	 */
	String createRole(String suffix) {
		String role = databaseName().replace("cairn_test_", "cairn_cat_") + "_" + suffix;
		TestDatabase.execute(TestDatabase.adminDataSource(), "CREATE ROLE " + role + " LOGIN");
		this.roles.add(role);
		return role;
	}

	/** A DataSource of this case's database that connects as {@code role}. */
	PGSimpleDataSource connectAs(String role) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(TestDatabase.urlFor(databaseName()));
		dataSource.setUser(role);
		return dataSource;
	}

	CairnConfiguration.Builder configure() {
		return configure(database());
	}

	CairnConfiguration.Builder configure(DataSource dataSource) {
		return CairnConfiguration.builder().dataSource(dataSource).locations("filesystem:" + migrations());
	}

	Cairn cairn() {
		return new Cairn(configure().build());
	}

	/**
	 * Everything a failed run could have changed in this case's database, rows of every table
	 * (history tables included) too; taken as a superuser, so what the migration role cannot see
	 * counts as well.
	 */
	private SchemaSnapshot snapshot() {
		return SchemaSnapshot.of(database(), Scope.database().withRows());
	}

	/**
	 * Runs {@code run}, which must fail with a {@link CairnException} whose first line is no
	 * stack trace, checks that the database is exactly as before, and records the case.
	 */
	CairnException refused(String id, String input, Runnable run) {
		return refused(id, input, REFUSED, run);
	}

	CairnException refused(String id, String input, String outcome, Runnable run) {
		SchemaSnapshot before = snapshot();
		CairnException failure = null;
		try {
			run.run();
		}
		catch (CairnException ex) {
			failure = ex;
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Case " + id + " failed with " + ex.getClass().getName()
					+ " instead of a CairnException: " + ex.getMessage(), ex);
		}
		if (failure == null) {
			fail("Case " + id + " (" + input + ") was expected to be refused, but the run succeeded");
		}
		String message = failure.getMessage();
		assertThat(message).as("message of case %s", id).isNotBlank();
		assertThat(message.lines().findFirst().orElse(""))
			.as("first line of the message of case %s is no stack trace", id)
			.doesNotContainPattern(STACK_TRACE_HEADLINE);
		assertThat(snapshot()).as("database after case %s", id).isEqualTo(before);
		Catalogue.record(id, input, Catalogue.headline(message, this::normalize), outcome);
		return failure;
	}

	/**
	 * Runs {@code run}, which must succeed, and records the case with the warnings the result
	 * carries (or a dash).
	 */
	MigrateResult accepted(String id, String input, String outcome, Supplier<MigrateResult> run) {
		MigrateResult result = run.get();
		String message = result.warnings()
			.stream()
			.map(Problem::message)
			.findFirst()
			.map((warning) -> "warning: " + Catalogue.headline(warning, this::normalize))
			.orElse("—");
		Catalogue.record(id, input, message, outcome);
		return result;
	}

	/**
	 * Runs a {@code validate()}, which reports instead of throwing, checks that the database is
	 * exactly as before, and records the case with the problems found.
	 */
	ValidationResult validated(String id, String input, Supplier<ValidationResult> run) {
		SchemaSnapshot before = snapshot();
		ValidationResult result = run.get();
		assertThat(snapshot()).as("database after case %s", id).isEqualTo(before);
		List<Problem> errors = result.problems().stream().filter(Problem::isError).toList();
		String message = errors.size() + ((errors.size() == 1) ? " problem" : " problems") + " reported: "
				+ errors.stream().map(Problem::message).findFirst().orElse("");
		Catalogue.record(id, input, Catalogue.headline(message, this::normalize), "reported by validate(), nothing changed");
		return result;
	}

	/** Records a case that succeeded without a result object (or whose message comes from elsewhere). */
	void acceptedWith(String id, String input, String message, String outcome) {
		Catalogue.record(id, input, Catalogue.headline(message, this::normalize), outcome);
	}

	String normalize(String text) {
		String normalized = text.replace(migrations().toString(), "<dir>").replace(this.folder.toString(), "<tmp>");
		normalized = normalized.replaceAll("cairn_cat_\\d+(_\\d+)+_[a-z]+", "<role>");
		normalized = DATABASE_NAME.matcher(normalized).replaceAll("<db>");
		normalized = TIMESTAMP.matcher(normalized).replaceAll("<time>");
		normalized = normalized.replaceAll("after \\d+ attempts over \\d+ s", "after <n> attempts over <n> s");
		return normalized.replaceAll("\\bpid \\d+", "pid <n>").replaceAll("\\b\\d+ ms\\b", "<n> ms");
	}

	List<String> history() {
		return Sql.column(database(),
				"SELECT version || ' ' || state || ' ' || script FROM public.cairn_history ORDER BY applied_order");
	}

}
