package dev.cairn.core.internal.lint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.LintFinding;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintRule;
import dev.cairn.core.LintSettings;
import dev.cairn.core.internal.sql.SqlScript;
import dev.cairn.core.internal.sql.SqlStatement;
import dev.cairn.core.internal.sql.Tokens;

/**
 * Lints migrations in the order a run applies them: each statement's {@link Hit hits}, less those
 * on tables created earlier in the same files, less (when the catalog is known) those on tables
 * that do not exist or are small, each with its rule's policy and any {@code -- cairn:lint-ignore}
 * that accepts it.
 */
public final class Linter {

	private final LintSettings settings;

	public Linter(LintSettings settings) {
		this.settings = settings;
	}

	/** One file to lint: its name for findings and its parsed script. */
	public record File(String name, SqlScript script) {
	}

	/** The tables the files name, as statements write them, for {@link TableCatalog#read}. */
	public static Set<String> tablesNamed(List<File> files) {
		Set<String> names = new LinkedHashSet<>();
		Scope scope = new Scope();
		for (File file : files) {
			for (SqlStatement statement : file.script().statements()) {
				for (Hit hit : StatementRules.of(Tokens.of(statement.sql()), scope)) {
					if (hit.table() != null) {
						names.add(hit.table());
					}
				}
			}
		}
		return names;
	}

	public List<LintFinding> lint(List<File> files, TableCatalog catalog) {
		List<LintFinding> findings = new ArrayList<>();
		Scope scope = new Scope();
		for (File file : files) {
			SqlScript script = file.script();
			List<SqlStatement> statements = script.statements();
			for (int index = 0; index < statements.size(); index++) {
				SqlStatement statement = statements.get(index);
				for (Hit hit : StatementRules.of(Tokens.of(statement.sql()), scope)) {
					LintPolicy policy = this.settings.policy(hit.rule());
					if (policy == LintPolicy.OFF || !applies(hit, scope, catalog)) {
						continue;
					}
					findings.add(new LintFinding(file.name(), statement.line() + hit.line() - 1, hit.rule(), policy,
							describe(hit, catalog), acceptedBecause(script, index, hit.rule())));
				}
				if (!script.transactional()) {
					scope.transactionEnded();
				}
			}
			scope.transactionEnded();
		}
		return findings;
	}

	/**
	 * Unknown rule names in {@code -- cairn:lint-ignore}: a misspelt suppression would silently
	 * accept nothing, so it is an error of the file.
	 */
	public static List<String> unknownSuppressions(String file, SqlScript script) {
		List<String> unknown = new ArrayList<>();
		for (SqlScript.Suppression suppression : script.suppressions()) {
			if (LintRule.byId(suppression.rule()).isEmpty()) {
				unknown.add(file + ":" + suppression.line() + ": -- cairn:lint-ignore names unknown rule '"
						+ suppression.rule() + "'; known rules: " + String.join(", ",
								java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList()));
			}
		}
		return unknown;
	}

	private boolean applies(Hit hit, Scope scope, TableCatalog catalog) {
		String table = hit.table();
		if (table == null) {
			return true;
		}
		if (scope.isCreated(table)) {
			return false;
		}
		TableCatalog.Table known = catalog.table(table);
		if (known == null) {
			return true; // offline, or not readable: assume it exists and is large
		}
		if (!known.exists()) {
			return false; // created by something the linter does not follow, or an error the run reports
		}
		if (hit.rule() == LintRule.SET_NOT_NULL && hasValidatedCheck(known, hit)) {
			return false;
		}
		return !hit.rule().usesCatalog() || known.bytes() >= this.settings.largeTableBytes();
	}

	/** Whether the catalog has a validated {@code CHECK (column IS NOT NULL)}, as pg_get_constraintdef writes it. */
	private static boolean hasValidatedCheck(TableCatalog.Table table, Hit hit) {
		String wanted = "(" + hit.column() + " IS NOT NULL)";
		return table.validatedChecks().stream().anyMatch((def) -> def.contains(wanted));
	}

	private static String describe(Hit hit, TableCatalog catalog) {
		TableCatalog.Table known = (hit.table() != null) ? catalog.table(hit.table()) : null;
		return (known != null && known.exists()) ? hit.detail() + " (" + size(known.bytes()) + ")" : hit.detail();
	}

	static String size(long bytes) {
		if (bytes >= 1L << 30) {
			return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
		}
		if (bytes >= 1L << 20) {
			return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
		}
		return String.format(Locale.ROOT, "%d kB", bytes / 1024);
	}

	private static @Nullable String acceptedBecause(SqlScript script, int index, LintRule rule) {
		for (SqlScript.Suppression suppression : script.suppressions()) {
			boolean here = suppression.statement() == -1 || suppression.statement() == index;
			if (here && LintRule.byId(suppression.rule()).orElse(null) == rule) {
				return suppression.reason();
			}
		}
		return null;
	}

}
