package dev.cairn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.cairn.core.Cairn;
import dev.cairn.core.LintFinding;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintReport;
import dev.cairn.core.LintRule;
import dev.cairn.core.LintSettings;
import dev.cairn.core.Problem;
import dev.cairn.core.command.ExitCode;

/**
 * {@code cairn lint}: the linter over every migration in the folders, without a database (for a
 * CI step or a pre-commit hook). Tables the files do not create count as existing, so the rules
 * that read the catalog report each of them; a run against the database reports only tables that
 * exist. Exit code 2 when a rule set to {@code fail} fires unaccepted, or a file cannot be read.
 */
@Command(name = "lint", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
		description = { "Lint every migration in the folders without a database: statements that lock or rewrite"
				+ " tables (CREATE INDEX without CONCURRENTLY, ADD COLUMN with a volatile default, ...). Exit code 2"
				+ " if a rule set to fail fires without a -- cairn:lint-ignore accepting it, or a file cannot be read.",
				"Rules warn unless set: --rule, or cairn.lint.rules.<rule>=fail|warn|off in the config file." })
final class LintCommand extends EngineCommand {

	@Option(names = { "--rule" }, paramLabel = "RULE=POLICY",
			description = "A rule's policy, fail, warn or off, as in create-index-blocking=fail; repeatable. Wins over"
					+ " the config file.")
	List<String> rules = new ArrayList<>();

	@Option(names = { "--strict" },
			description = "Every rule that neither --rule nor the config file sets fails instead of warning.")
	boolean strict;

	@Override
	int execute() {
		Settings settings = new Settings(options(), this.environment);
		Map<LintRule, LintPolicy> asked = new EnumMap<>(LintRule.class);
		List<String> wrong = new ArrayList<>();
		for (String rule : this.rules) {
			int equals = rule.indexOf('=');
			if (equals < 0) {
				wrong.add("--rule " + rule + ": give a rule and its policy, as in create-index-blocking=fail");
				continue;
			}
			try {
				asked.put(Settings.lintRule(rule.substring(0, equals), "--rule " + rule),
						Settings.lintPolicy(rule.substring(equals + 1), "--rule " + rule));
			}
			catch (IllegalArgumentException ex) {
				wrong.add(ex.getMessage());
			}
		}
		if (!wrong.isEmpty()) {
			return usage(String.join("; ", wrong));
		}
		// One folder list per track: the declared tracks' (those --track selects), else the one of --path.
		Map<String, List<Path>> tracks = new LinkedHashMap<>();
		if (settings.hasTracks()) {
			List<String> selected = settings.trackSelection();
			Map<String, List<Path>> declared = settings.trackFolders();
			for (String name : selected) {
				if (!declared.containsKey(name)) {
					return usage("--track " + name + ": there is no such track; the tracks are " + declared.keySet());
				}
			}
			declared.forEach((name, folders) -> {
				if (selected.isEmpty() || selected.contains(name)) {
					tracks.put(name, folders);
				}
			});
		}
		else {
			tracks.put("", settings.folders());
		}
		List<LintFinding> findings = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		for (Map.Entry<String, List<Path>> track : tracks.entrySet()) {
			Map<LintRule, LintPolicy> policies = new EnumMap<>(LintRule.class);
			policies.putAll(track.getKey().isEmpty() ? settings.lintPolicies() : settings.trackLintPolicies(track.getKey()));
			policies.putAll(asked);
			if (this.strict) {
				for (LintRule rule : LintRule.values()) {
					policies.putIfAbsent(rule, LintPolicy.FAIL);
				}
			}
			List<String> locations = track.getValue().stream()
				.map((folder) -> "filesystem:" + folder.toAbsolutePath().normalize())
				.toList();
			LintReport one = Cairn.lint(locations, new LintSettings(policies, LintSettings.DEFAULT_LARGE_TABLE_BYTES),
					LintCommand.class.getClassLoader());
			findings.addAll(one.findings());
			problems.addAll(one.problems());
		}
		LintReport report = new LintReport(findings, problems);
		ExitCode exitCode = report.failed() ? ExitCode.VALIDATION : ExitCode.SUCCESS;
		if (json()) {
			out().println(json(report, exitCode));
		}
		else {
			text(report);
		}
		return exitCode.code();
	}

	private void text(LintReport report) {
		for (LintFinding finding : report.findings()) {
			String label = (finding.acceptedBecause() != null) ? "accepted" : finding.policy().name().toLowerCase(Locale.ROOT);
			out().println(label + ": " + finding.describe());
		}
		for (Problem problem : report.problems()) {
			err().println((problem.isError() ? "error: " : "warning: ") + problem.message());
		}
		long failing = report.findings().stream().filter(LintFinding::stopsRun).count();
		long accepted = report.findings().stream().filter((finding) -> finding.acceptedBecause() != null).count();
		long errors = report.problems().stream().filter(Problem::isError).count();
		out().println((report.findings().isEmpty() ? "No findings" : report.findings().size() + " finding"
				+ ((report.findings().size() == 1) ? "" : "s") + ": " + failing + " failing, "
				+ (report.findings().size() - failing - accepted) + " warning, " + accepted + " accepted")
				+ ((errors > 0) ? "; " + errors + " file problem" + ((errors == 1) ? "" : "s") : "") + ".");
	}

	private static String json(LintReport report, ExitCode exitCode) {
		String findings = report.findings().stream().map((finding) -> "{\"file\":" + Json.quote(finding.file())
				+ ",\"line\":" + finding.line() + ",\"rule\":" + Json.quote(finding.rule().id()) + ",\"policy\":"
				+ Json.quote(finding.policy().name().toLowerCase(Locale.ROOT)) + ",\"stopsRun\":" + finding.stopsRun()
				+ ",\"detail\":" + Json.quote(finding.detail()) + ",\"acceptedBecause\":"
				+ ((finding.acceptedBecause() != null) ? Json.quote(finding.acceptedBecause()) : "null")
				+ ",\"message\":" + Json.quote(finding.describe()) + "}")
			.collect(Collectors.joining(","));
		String problems = report.problems().stream().map((problem) -> "{\"severity\":"
				+ Json.quote(problem.severity().name().toLowerCase(Locale.ROOT)) + ",\"files\":["
				+ problem.files().stream().map(Json::quote).collect(Collectors.joining(",")) + "],\"message\":"
				+ Json.quote(problem.message()) + "}")
			.collect(Collectors.joining(","));
		return "{\"operation\":\"lint\",\"outcome\":\"" + ((exitCode == ExitCode.SUCCESS) ? "success" : "failure")
				+ "\",\"exitCode\":" + exitCode.code() + ",\"findings\":[" + findings + "],\"problems\":[" + problems + "]}";
	}

}
