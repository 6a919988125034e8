package dev.cairn.core.internal.engine;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.LintFinding;
import dev.cairn.core.LintReport;
import dev.cairn.core.LintSettings;
import dev.cairn.core.Problem;
import dev.cairn.core.internal.lint.Linter;
import dev.cairn.core.internal.lint.TableCatalog;
import dev.cairn.core.internal.migration.Migration;
import dev.cairn.core.internal.migration.MigrationCatalog;
import dev.cairn.core.internal.migration.PreparedSql;
import dev.cairn.core.internal.plan.PendingMigration;

/**
 * The linter over a run's pending migrations, as problems: a finding whose rule fails and that no
 * {@code -- cairn:lint-ignore} accepts is an error, any other a warning (an accepted one says why
 * it was accepted, so status shows it). With a connection the catalog is read in one query, and
 * only when something is pending: the no-op path pays nothing.
 */
final class MigrationLint {

	private static final Logger logger = LoggerFactory.getLogger(Cairn.class);

	private MigrationLint() {
	}

	static List<Problem> lint(CairnConfiguration configuration, List<PendingMigration> pending,
			@Nullable Connection connection) {
		List<Linter.File> files = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (PendingMigration each : pending) {
			if (each.prepared() instanceof PreparedSql sql) {
				String name = each.migration().displayName();
				files.add(new Linter.File(name, sql.script()));
				for (String unknown : Linter.unknownSuppressions(name, sql.script())) {
					problems.add(Problem.error(Problem.Kind.LINT, each.migration().version(), List.of(name), unknown));
				}
			}
		}
		if (files.isEmpty()) {
			return problems;
		}
		TableCatalog catalog = (connection != null) ? TableCatalog.read(connection, Linter.tablesNamed(files))
				: TableCatalog.offline();
		for (LintFinding finding : new Linter(configuration.lint()).lint(files, catalog)) {
			problems.add(toProblem(finding, pending));
		}
		return problems;
	}

	private static Problem toProblem(LintFinding finding, List<PendingMigration> pending) {
		PendingMigration migration = pending.stream()
			.filter((each) -> each.migration().displayName().equals(finding.file()))
			.findFirst()
			.orElseThrow();
		return new Problem(Problem.Kind.LINT, finding.stopsRun() ? Problem.Severity.ERROR : Problem.Severity.WARNING,
				migration.migration().version(), List.of(finding.file()), finding.describe());
	}

	static void log(String track, List<Problem> lint) {
		for (Problem problem : lint) {
			if (problem.message().contains("Accepted (-- cairn:lint-ignore)")) {
				logger.info("Track '{}': {}", track, problem.message());
			}
			else {
				logger.warn("Track '{}': {}", track, problem.message());
			}
		}
	}

	/** Every migration of a catalog, linted without a database; files that cannot be read are problems. */
	static LintReport offline(MigrationCatalog catalog, LintSettings settings) {
		List<Problem> problems = new ArrayList<>(catalog.problems());
		List<Linter.File> files = new ArrayList<>();
		for (Migration migration : catalog.migrations()) {
			try {
				if (migration.prepare() instanceof PreparedSql sql) {
					files.add(new Linter.File(migration.displayName(), sql.script()));
					for (String unknown : Linter.unknownSuppressions(migration.displayName(), sql.script())) {
						problems.add(Problem.error(Problem.Kind.LINT, migration.version(),
								List.of(migration.displayName()), unknown));
					}
				}
			}
			catch (RuntimeException ex) {
				problems.add(Problem.error(Problem.Kind.INVALID_SCRIPT, migration.version(),
						List.of(migration.displayName()), ex.getMessage()));
			}
		}
		return new LintReport(new Linter(settings).lint(files, TableCatalog.offline()), problems);
	}

}
