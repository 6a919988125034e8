package dev.cairn.core.internal.sql;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A small property-based testing harness on plain JUnit: seeded generation, a time bound on every case,
 * shrinking of a failing input, and a failure message that says how to run the failing case again.
 *
 * <p>Not jqwik: its releases are built on JUnit Platform 1.x, not the 6 that Spring Boot 4 brings, and since
 * 1.10 it asks AI agents, which wrote these tests, not to use it (see {@code src/docs/splitter-fuzzing.md}).
 *
 * <p>System properties:
 * <ul>
 * <li>{@value #TRIES}: generated cases shared out between the splitter-only properties (default
 * {@value #DEFAULT_TRIES}); a million for the long run
 * <li>{@value #ORACLE_TRIES}: PostgreSQL oracle cases (default {@value #DEFAULT_ORACLE_TRIES})
 * <li>{@value #SEED}: the base seed; without it each run draws one, and prints it
 * <li>{@value #CASE}: run only the case with this case seed (from a failure message)
 * </ul>
 */
final class Fuzz {

	static final String TRIES = "cairn.fuzz.tries";

	static final String ORACLE_TRIES = "cairn.fuzz.oracle.tries";

	static final String SEED = "cairn.fuzz.seed";

	static final String CASE = "cairn.fuzz.case";

	static final int DEFAULT_TRIES = 4000;

	static final int DEFAULT_ORACLE_TRIES = 300;

	/** One base seed per JVM, so that every property of a run can be repeated with one number. */
	private static final long BASE_SEED = readBaseSeed();

	/** Shrinking stops after this long, keeping the smallest failing input found so far. */
	private static final Duration SHRINK_BUDGET = Duration.ofSeconds(60);

	private Fuzz() {
	}

	/** What is checked for every input; any Throwable is a failure. */
	@FunctionalInterface
	interface Property<T> {

		void check(T input) throws Throwable;
	}

	/** Smaller variants of a failing input, most aggressive first. */
	@FunctionalInterface
	interface Shrinker<T> {

		List<T> candidates(T input);

		static <T> Shrinker<T> none() {
			return (input) -> List.of();
		}
	}

	/** How a property is run: its name (for messages and seeds), cases, time bound per case. */
	record Run<T>(String name, int tries, Duration timeout, Function<SplittableRandom, T> generator,
			Shrinker<T> shrinker, Function<T, String> describe) {
	}

	/** The share of {@value #TRIES} that one property runs, at least one case. */
	static int tries(double share) {
		return Math.max(1, (int) Math.round(Integer.getInteger(TRIES, DEFAULT_TRIES) * share));
	}

	static int oracleTries() {
		return Integer.getInteger(ORACLE_TRIES, DEFAULT_ORACLE_TRIES);
	}

	static long baseSeed() {
		return BASE_SEED;
	}

	/**
	 * Runs the property on {@code run.tries()} generated inputs (or the one case named by {@value #CASE}).
	 * On the first failure, shrinks the input and throws an AssertionError naming the seeds.
	 *
	 * @return how many cases ran
	 */
	static <T> int check(Run<T> run, Property<T> property) {
		String only = System.getProperty(CASE);
		SplittableRandom seeds = new SplittableRandom(BASE_SEED ^ run.name().hashCode());
		int tries = (only != null) ? 1 : run.tries();
		long started = System.nanoTime();
		for (int i = 0; i < tries; i++) {
			long caseSeed = (only != null) ? Long.parseLong(only.trim()) : seeds.nextLong();
			T input = run.generator().apply(new SplittableRandom(caseSeed));
			Throwable failure = attempt(run, property, input);
			if (failure != null) {
				throw failed(run, property, i, caseSeed, input, failure);
			}
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.printf("splitter fuzz: %s: %d cases in %d ms (base seed %d)%n", run.name(), tries, millis, BASE_SEED);
		return tries;
	}

	private static <T> Throwable attempt(Run<T> run, Property<T> property, T input) {
		try {
			assertTimeoutPreemptively(run.timeout(), () -> {
				property.check(input);
				return null;
			}, () -> "no result within " + run.timeout().toMillis() + " ms: the splitter hangs or is far from linear");
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private static <T> AssertionError failed(Run<T> run, Property<T> property, int index, long caseSeed, T input,
			Throwable failure) {
		T smallest = input;
		Throwable smallestFailure = failure;
		long deadline = System.nanoTime() + SHRINK_BUDGET.toNanos();
		int steps = 0;
		boolean progress = true;
		while (progress && System.nanoTime() < deadline) {
			progress = false;
			for (T candidate : run.shrinker().candidates(smallest)) {
				if (System.nanoTime() >= deadline) {
					break;
				}
				Throwable candidateFailure = attempt(run, property, candidate);
				if (candidateFailure != null && sameKind(failure, candidateFailure)) {
					smallest = candidate;
					smallestFailure = candidateFailure;
					steps++;
					progress = true;
					break;
				}
			}
		}
		String message = String.format("splitter fuzz: property '%s' failed on case %d of %d%n"
				+ "  case seed %d, base seed %d: run this case again with -D%s=%d (and -Dtest=<this test>),"
				+ " or the whole run with -D%s=%d%n"
				+ "  input as generated:%n%s%n  failure: %s%n"
				+ "  shrunk in %d steps to:%n%s%n  failure: %s",
				run.name(), index + 1, run.tries(), caseSeed, BASE_SEED, CASE, caseSeed, SEED, BASE_SEED,
				run.describe().apply(input), failure,
				steps, run.describe().apply(smallest), smallestFailure);
		return new AssertionError(message, smallestFailure);
	}

	/** A shrunk input must fail the same way, not just somehow (a broken candidate fails differently). */
	private static boolean sameKind(Throwable original, Throwable candidate) {
		return original.getClass().equals(candidate.getClass()) && timedOut(original) == timedOut(candidate);
	}

	private static boolean timedOut(Throwable failure) {
		return String.valueOf(failure.getMessage()).contains("execution timed out");
	}

	/** A Java string literal of the text, cut to a readable length, so it can be pasted into a regression test. */
	static String literal(String text) {
		Objects.requireNonNull(text, "text");
		int limit = 4000;
		StringBuilder out = new StringBuilder("\"");
		for (int i = 0; i < text.length() && i < limit; i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c == '\uFEFF') {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
		if (text.length() > limit) {
			out.append(" ... (").append(text.length()).append(" chars in all)");
		}
		return out.toString();
	}

	private static long readBaseSeed() {
		String given = System.getProperty(SEED);
		if (given != null && !given.isBlank()) {
			return Long.parseLong(given.trim());
		}
		long seed = new SplittableRandom().nextLong();
		System.out.printf("splitter fuzz: base seed %d (repeat this run with -D%s=%d)%n", seed, SEED, seed);
		return seed;
	}
}
