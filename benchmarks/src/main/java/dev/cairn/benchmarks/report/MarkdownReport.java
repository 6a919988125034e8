package dev.cairn.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The results as markdown tables: one per measure, one row per corpus, each cell
 * {@code median (min–max)} and the ratio of the median to the baseline's median (the floor, or
 * for Spring Boot the application without a migration tool), then Cairn's target and whether
 * this run met it.
 */
public final class MarkdownReport {

	private final Results results;

	private final List<String> contenders;

	private final List<String> bootVariants;

	public MarkdownReport(Results results, List<String> contenders, List<String> bootVariants) {
		this.results = results;
		this.contenders = contenders;
		this.bootVariants = bootVariants;
	}

	public String render() {
		StringBuilder out = new StringBuilder();
		for (Measure measure : this.results.measures()) {
			List<String> columns = (measure == Measure.BOOT_READY) ? this.bootVariants : this.contenders;
			out.append("#### ").append(measure.title()).append(" (").append(measure.unit()).append(")\n\n");
			out.append("| corpus |");
			columns.forEach((column) -> out.append(' ').append(column).append(" |"));
			out.append(" Cairn's target |\n|---|");
			columns.forEach((column) -> out.append("---:|"));
			out.append("---|\n");
			for (String row : this.results.rows(measure)) {
				out.append("| ").append(row).append(" |");
				Optional<Stats> baseline = this.results.stats(measure, row, columns.get(0));
				for (String column : columns) {
					out.append(' ').append(cell(measure, row, column, baseline)).append(" |");
				}
				out.append(' ').append(Targets.verdict(this.results, measure, row)).append(" |\n");
			}
			out.append('\n');
		}
		List<String> notes = this.results.notes();
		if (!notes.isEmpty()) {
			notes.forEach((note) -> out.append("- ").append(note).append('\n'));
			out.append('\n');
		}
		return out.toString();
	}

	private String cell(Measure measure, String row, String column, Optional<Stats> baseline) {
		Optional<Stats> stats = this.results.stats(measure, row, column);
		if (stats.isEmpty()) {
			return "–";
		}
		Stats s = stats.get();
		String cell = number(s.median()) + " (" + number(s.min()) + "–" + number(s.max()) + ")";
		if (baseline.isPresent() && baseline.get().median() > 0 && !column.equals(columns(measure).get(0))) {
			cell += " " + ratio(s.median() / baseline.get().median());
		}
		return cell;
	}

	private List<String> columns(Measure measure) {
		return (measure == Measure.BOOT_READY) ? this.bootVariants : this.contenders;
	}

	static String ratio(double ratio) {
		return String.format(Locale.ROOT, "%.2f×", ratio);
	}

	static String number(double value) {
		double abs = Math.abs(value);
		if (abs >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
