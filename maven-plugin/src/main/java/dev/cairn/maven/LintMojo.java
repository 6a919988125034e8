package dev.cairn.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.cairn.core.Cairn;
import dev.cairn.core.LintFinding;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintReport;
import dev.cairn.core.LintRule;
import dev.cairn.core.LintSettings;
import dev.cairn.core.Problem;

/**
 * Lints every migration of each track's folder without a database, and fails the build when a
 * rule set to {@code fail} fires without a {@code -- cairn:lint-ignore} accepting it, or a file
 * cannot be linted. Findings of rules that warn are logged as warnings. Tables the files do not
 * create count as existing, so the rules that read the catalog report each of them. Runs in the
 * {@code validate} phase when bound.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = true, threadSafe = true)
public class LintMojo extends AbstractCairnMojo {

	/**
	 * Each rule's policy, {@code fail}, {@code warn} or {@code off}, by rule id:
	 * {@code <lintRules><create-index-blocking>fail</create-index-blocking></lintRules>}. Rules not
	 * named warn.
	 */
	@Parameter
	private Map<String, String> lintRules = new LinkedHashMap<>();

	/** Policies from the command line, winning over {@code lintRules}: {@code -Dcairn.lint.rules=drop=fail,rename=off}. */
	@Parameter(property = "cairn.lint.rules")
	private String rules;

	/** Every rule that neither {@code lintRules} nor {@code cairn.lint.rules} sets fails instead of warning. */
	@Parameter(property = "cairn.lint.strict", defaultValue = "false")
	private boolean strict;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("Skipping cairn:lint (cairn.skip)");
			return;
		}
		LintSettings settings = new LintSettings(policies(), LintSettings.DEFAULT_LARGE_TABLE_BYTES);
		List<String> failures = new ArrayList<>();
		int findings = 0;
		for (Map.Entry<String, File> track : folders().entrySet()) {
			File folder = track.getValue();
			String base = "filesystem:" + folder.getAbsoluteFile().toPath().normalize();
			LintReport report = Cairn.lint(List.of(base), settings, LintMojo.class.getClassLoader());
			for (LintFinding finding : report.findings()) {
				findings++;
				String message = shown(finding.describe(), base, folder);
				if (finding.stopsRun()) {
					failures.add(message);
				}
				else if (finding.acceptedBecause() != null) {
					getLog().info(message);
				}
				else {
					getLog().warn(message);
				}
			}
			for (Problem problem : report.problems()) {
				String message = shown(problem.message(), base, folder);
				if (problem.isError()) {
					failures.add(message);
				}
				else {
					getLog().warn(message);
				}
			}
		}
		if (!failures.isEmpty()) {
			throw new MojoFailureException("The linter stopped the build (" + failures.size() + " problem"
					+ ((failures.size() == 1) ? "" : "s") + "):\n  - " + String.join("\n  - ", failures)
					+ "\nFix the statement, accept it with -- cairn:lint-ignore <rule> <reason>, or set the rule's policy"
					+ " (<lintRules> of cairn-maven-plugin, -Dcairn.lint.rules=<rule>=warn).");
		}
		getLog().info("Linted the migrations: " + ((findings == 0) ? "no findings" : findings + " finding"
				+ ((findings == 1) ? "" : "s") + ", none failing"));
	}

	/** Messages name files relative to the project, as the other goals do. */
	private String shown(String message, String base, File folder) {
		return message.replace(base + "/", shown(folder) + "/");
	}

	private Map<LintRule, LintPolicy> policies() throws MojoFailureException {
		Map<LintRule, LintPolicy> policies = new EnumMap<>(LintRule.class);
		List<String> wrong = new ArrayList<>();
		if (this.lintRules != null) {
			this.lintRules.forEach((rule, policy) -> put(policies, rule, policy, "<lintRules><" + rule + ">", wrong));
		}
		if (this.rules != null && !this.rules.isBlank()) {
			for (String each : this.rules.split(",")) {
				int equals = each.indexOf('=');
				if (equals < 0) {
					wrong.add("cairn.lint.rules '" + each.strip() + "': give a rule and its policy, as in"
							+ " create-index-blocking=fail");
					continue;
				}
				put(policies, each.substring(0, equals), each.substring(equals + 1),
						"cairn.lint.rules '" + each.strip() + "'", wrong);
			}
		}
		if (!wrong.isEmpty()) {
			throw new MojoFailureException("Invalid linter settings:\n  - " + String.join("\n  - ", wrong));
		}
		if (this.strict) {
			for (LintRule rule : LintRule.values()) {
				policies.putIfAbsent(rule, LintPolicy.FAIL);
			}
		}
		return policies;
	}

	private static void put(Map<LintRule, LintPolicy> policies, String id, String policy, String source,
			List<String> wrong) {
		LintRule rule = LintRule.byId(id).orElse(null);
		if (rule == null) {
			wrong.add(source + ": there is no lint rule '" + id.strip() + "': the rules are "
					+ java.util.Arrays.stream(LintRule.values()).map(LintRule::id).toList());
			return;
		}
		try {
			policies.put(rule, LintPolicy.valueOf(String.valueOf(policy).strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			wrong.add(source + ": '" + policy + "' is not a lint policy: use fail, warn or off");
		}
	}

}
