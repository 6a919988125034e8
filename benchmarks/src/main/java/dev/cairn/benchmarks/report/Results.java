package dev.cairn.benchmarks.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every sample taken, by measure, row (a corpus such as {@code trivial-1000}) and contender. */
public final class Results {

	private final Map<Measure, Map<String, Map<String, List<Double>>>> samples = new EnumMap<>(Measure.class);

	private final List<String> notes = new ArrayList<>();

	public synchronized void add(Measure measure, String row, String contender, double value) {
		this.samples.computeIfAbsent(measure, (m) -> new LinkedHashMap<>())
			.computeIfAbsent(row, (r) -> new LinkedHashMap<>())
			.computeIfAbsent(contender, (c) -> new ArrayList<>())
			.add(value);
	}

	public synchronized void note(String note) {
		this.notes.add(note);
	}

	public synchronized List<String> notes() {
		return List.copyOf(this.notes);
	}

	public synchronized List<Measure> measures() {
		return List.copyOf(this.samples.keySet());
	}

	public synchronized List<String> rows(Measure measure) {
		return List.copyOf(this.samples.getOrDefault(measure, Map.of()).keySet());
	}

	public synchronized Optional<Stats> stats(Measure measure, String row, String contender) {
		List<Double> values = this.samples.getOrDefault(measure, Map.of()).getOrDefault(row, Map.of()).get(contender);
		return (values == null || values.isEmpty()) ? Optional.empty() : Optional.of(Stats.of(values));
	}

	/** Every sample as CSV lines: measure,row,contender,value. */
	public synchronized List<String> csv() {
		List<String> lines = new ArrayList<>();
		lines.add("measure,row,contender,value");
		this.samples.forEach((measure, rows) -> rows.forEach((row, contenders) -> contenders
			.forEach((contender, values) -> values.forEach((value) -> lines.add(measure + "," + row + "," + contender
					+ "," + value)))));
		return lines;
	}

}
