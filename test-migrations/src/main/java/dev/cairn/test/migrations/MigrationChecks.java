package dev.cairn.test.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationInfo;
import dev.cairn.core.MigrationState;
import dev.cairn.core.Problem;
import dev.cairn.core.StatusReport;
import dev.cairn.core.Version;
import dev.cairn.test.SchemaFingerprint;

/**
 * Checks a track's migrations against a database, as a JUnit 5 test would:
 *
 * <pre>{@code
 * MigrationChecks checks = MigrationChecks.of(dataSource, (cairn) -> cairn.locations("classpath:db/migrations"));
 * checks.assertRoundTrip();      // apply all, undo all, apply all: the same schema
 * }</pre>
 *
 * The database should start without this track's migrations (a database of the test's own);
 * its history table is left out of every schema comparison. Failures are {@link AssertionError}s
 * that name the version, the step and each difference in the schema.
 */
public final class MigrationChecks {

	private final DataSource dataSource;

	private final Consumer<CairnConfiguration.Builder> configuration;

	private final SchemaFingerprint.Options options;

	private MigrationChecks(DataSource dataSource, Consumer<CairnConfiguration.Builder> configuration,
			SchemaFingerprint.Options options) {
		this.dataSource = dataSource;
		this.configuration = configuration;
		this.options = options;
	}

	/**
	 * Checks of the migrations a configuration names, on a database.
	 * @param dataSource the database, as the migrations run on it
	 * @param configuration sets locations, track, history table and policies ({@code dataSource} is set here)
	 * @return the checks
	 */
	public static MigrationChecks of(DataSource dataSource, Consumer<CairnConfiguration.Builder> configuration) {
		MigrationChecks checks = new MigrationChecks(dataSource, configuration, SchemaFingerprint.Options.defaults());
		return checks.comparing(SchemaFingerprint.Options.defaults());
	}

	/**
	 * Compares schemas with these options; the history table is always left out.
	 * @param options which schemas, objects left out, column order and privileges
	 * @return new checks
	 */
	public MigrationChecks comparing(SchemaFingerprint.Options options) {
		CairnConfiguration built = configuration(this.dataSource, this.configuration);
		return new MigrationChecks(this.dataSource, this.configuration,
				options.ignoring(built.schema() + "." + built.table()));
	}

	static CairnConfiguration configuration(DataSource dataSource, Consumer<CairnConfiguration.Builder> configuration) {
		CairnConfiguration.Builder builder = CairnConfiguration.builder().dataSource(dataSource);
		configuration.accept(builder);
		return builder.build();
	}

	private Cairn cairn() {
		return new Cairn(configuration(this.dataSource, this.configuration));
	}

	private SchemaFingerprint fingerprint() {
		return SchemaFingerprint.of(this.dataSource, this.options);
	}

	/**
	 * Applies every migration, undoes them all, applies them again, and asserts that undoing
	 * left the schema as it was before and that applying again gave the same schema as the first
	 * time.
	 * @throws AssertionError naming the failing step, the version and the differences
	 */
	public void assertRoundTrip() {
		SchemaFingerprint before = fingerprint();
		migrate(cairn(), null, "applying every migration");
		SchemaFingerprint applied = fingerprint();
		// Versioned migrations only: rollback never undoes a repeatable (its rows are its applications).
		int count = (int) status("after applying").migrations().stream()
			.filter((migration) -> migration.state() == MigrationState.APPLIED && migration.version() != null)
			.count();
		if (count > 0) {
			requireUndoable(status("before undoing").rollbackOrder());
			step("undoing every migration", () -> cairn().rollback(count));
		}
		same("undoing every migration did not give back the schema from before", before, fingerprint());
		migrate(cairn(), null, "applying every migration again");
		same("applying every migration again gave another schema than the first time", applied, fingerprint());
	}

	/**
	 * For each pending version in order: applies it, undoes it, applies it again, and asserts
	 * that the undo gave back the schema from before it and that the second apply gave the same
	 * schema as the first. The first version that fails is named.
	 * @throws AssertionError naming the version, the step and the differences
	 */
	public void assertStepByStep() {
		List<MigrationInfo> pending = status("before starting").migrations().stream()
			.filter((migration) -> migration.state() == MigrationState.PENDING && migration.version() != null)
			.toList();
		requireUndoable(pending);
		for (MigrationInfo migration : pending) {
			Version version = migration.version();
			SchemaFingerprint before = fingerprint();
			migrate(cairn(), version, "applying version " + version + " (" + migration.script() + ")");
			SchemaFingerprint applied = fingerprint();
			step("undoing version " + version + " (" + migration.script() + ")", () -> cairn().rollback(1));
			same("version " + version + " (" + migration.script() + "): its down file did not give back the schema from"
					+ " before it", before, fingerprint());
			migrate(cairn(), version, "applying version " + version + " again");
			same("version " + version + " (" + migration.script() + "): applying it again after undoing it gave another"
					+ " schema than the first time", applied, fingerprint());
		}
	}

	/**
	 * Asserts that the database's history holds exactly the migrations on disk, all applied:
	 * nothing pending, failed, drifted, renamed or missing from disk, and no validation problem.
	 * The check a service's boot smoke test makes after migrating.
	 * @throws AssertionError listing every migration that is not applied as on disk
	 */
	public void assertAppliedMatchesFiles() {
		StatusReport status = status("reading the status");
		List<String> problems = new ArrayList<>();
		for (MigrationInfo migration : status.migrations()) {
			if (migration.state() != MigrationState.APPLIED) {
				problems.add(migration.script() + (migration.version() != null ? " (version " + migration.version() + ")" : "")
						+ " is " + migration.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
			}
		}
		for (Problem problem : status.problems()) {
			if (problem.isError()) {
				problems.add(problem.message());
			}
		}
		if (!problems.isEmpty()) {
			throw new AssertionError("The applied migrations do not match the files (" + problems.size() + "):\n  - "
					+ String.join("\n  - ", problems));
		}
	}

	private StatusReport status(String when) {
		try {
			return cairn().status();
		}
		catch (CairnException ex) {
			throw new AssertionError("Reading the migrations' status " + when + " failed: " + ex.getMessage(), ex);
		}
	}

	private static void requireUndoable(List<MigrationInfo> migrations) {
		List<String> missing = migrations.stream()
			.filter((migration) -> !migration.undoable())
			.map((migration) -> migration.script() + " (version " + migration.version() + ")")
			.toList();
		if (!missing.isEmpty()) {
			throw new AssertionError("A round trip needs a down file for every migration; these have none: "
					+ String.join(", ", missing));
		}
	}

	private static void migrate(Cairn cairn, Version target, String step) {
		step(step, () -> {
			if (target != null) {
				cairn.migrateTo(target);
			}
			else {
				cairn.migrate();
			}
		});
	}

	private static void step(String step, Runnable action) {
		try {
			action.run();
		}
		catch (CairnException ex) {
			throw new AssertionError(step + " failed: " + ex.getMessage(), ex);
		}
	}

	static void same(String message, SchemaFingerprint expected, SchemaFingerprint actual) {
		List<String> differences = expected.diff(actual);
		if (!differences.isEmpty()) {
			throw new AssertionError(message + " (" + differences.size() + (differences.size() == 1 ? " difference" : " differences")
					+ ", expected against actual):\n  - " + String.join("\n  - ", differences));
		}
	}

}
