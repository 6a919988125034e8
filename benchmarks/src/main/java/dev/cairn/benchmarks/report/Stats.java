package dev.cairn.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of a few samples. */
public record Stats(double median, double min, double max, int count) {

	public static Stats of(List<Double> samples) {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("No samples");
		}
		List<Double> sorted = new ArrayList<>(samples);
		Collections.sort(sorted);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
	}

}
