package dev.cairn.core.internal.sql;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.cairn.core.internal.sql.SqlForms.Alphabet;

/**
 * Property-based tests of the splitter on generated scripts, damaged scripts, arbitrary text and bytes, and
 * huge pathological inputs. Sizes, seeds and how to repeat a failure: see {@link Fuzz} and
 * {@code src/docs/splitter-fuzzing.md}.
 */
class SqlScriptParserPropertyTest {

	/** Ample for a few kilobytes on a busy machine; a hang or a quadratic blow-up goes far past it. */
	private static final Duration CASE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration HUGE_TIMEOUT = Duration.ofSeconds(60);

	private static final AtomicInteger cases = new AtomicInteger();

	private static final List<String> DAMAGE = List.of(
			"'", "\"", "$$", "$a$", "/*", "*/", "--", "\n", ";", "(", ")", "E'", "e'\\", "\\", "U&'", "BEGIN ATOMIC",
			"END", "CASE", "-- cairn:no-transaction\n", "-- cairn:typo\n", "COPY t FROM STDIN", "\u0000", "\uD800",
			"BEGIN", "COMMIT", "CREATE FUNCTION f() BEGIN ATOMIC ", "\r", "\\copy", "$1");

	@AfterAll
	static void report() {
		System.out.printf("splitter fuzz: %d cases of splitter-only properties in this run%n", cases.get());
	}

	@Test
	void generatedScriptsSplitExactlyWhereTheyWereBuiltAndNeverInsideAQuoteOrComment() {
		Fuzz.Run<ScriptModel> run = new Fuzz.Run<>("generated scripts", Fuzz.tries(0.4), CASE_TIMEOUT,
				LexicalScripts::generate, ScriptModel::shrink, (model) -> Fuzz.literal(model.render().text()));
		cases.addAndGet(Fuzz.check(run, (model) -> {
			ScriptModel.Rendered rendered = model.render();
			SqlScript parsed = SqlScriptParser.parse(rendered.text());
			SplitInvariants.checkExpected(rendered, parsed);
			SplitInvariants.checkStructure(rendered.text(), parsed);
		}));
	}

	@Test
	void damagedScriptsSplitConsistentlyOrAreRefusedWithAScriptError() {
		Fuzz.Run<String> run = new Fuzz.Run<>("damaged scripts", Fuzz.tries(0.25), CASE_TIMEOUT,
				(random) -> damage(random, LexicalScripts.generate(random).render().text()),
				SqlScriptParserPropertyTest::shrinkText, Fuzz::literal);
		cases.addAndGet(Fuzz.check(run, SplitInvariants::checkSplitsOrRefuses));
	}

	@Test
	void arbitraryTextSplitsConsistentlyOrIsRefusedWithAScriptError() {
		Fuzz.Run<String> run = new Fuzz.Run<>("arbitrary text", Fuzz.tries(0.2), CASE_TIMEOUT,
				SqlScriptParserPropertyTest::arbitraryText, SqlScriptParserPropertyTest::shrinkText, Fuzz::literal);
		cases.addAndGet(Fuzz.check(run, SplitInvariants::checkSplitsOrRefuses));
	}

	@Test
	void arbitraryBytesDecodedAsTextSplitConsistentlyOrAreRefusedWithAScriptError() {
		Fuzz.Run<String> run = new Fuzz.Run<>("arbitrary bytes", Fuzz.tries(0.15), CASE_TIMEOUT,
				SqlScriptParserPropertyTest::decodedBytes, SqlScriptParserPropertyTest::shrinkText, Fuzz::literal);
		cases.addAndGet(Fuzz.check(run, SplitInvariants::checkSplitsOrRefuses));
	}

	@Test
	void hugePathologicalScriptsAreSplitOrRefusedInLinearTime() {
		List<Supplier<String>> inputs = hugeInputs();
		Fuzz.Run<String> run = new Fuzz.Run<>("huge scripts", inputs.size(), HUGE_TIMEOUT,
				new HugeInputs(inputs), Fuzz.Shrinker.none(), Fuzz::literal);
		cases.addAndGet(Fuzz.check(run, SplitInvariants::checkSplitsOrRefuses));
	}

	/** Hands out the huge inputs in order, whatever the seed. */
	private static final class HugeInputs implements Function<SplittableRandom, String> {

		private final List<Supplier<String>> inputs;

		private int next;

		HugeInputs(List<Supplier<String>> inputs) {
			this.inputs = inputs;
		}

		@Override
		public String apply(SplittableRandom random) {
			if (System.getProperty(Fuzz.CASE) != null) {
				return this.inputs.get(Math.floorMod(random.nextInt(), this.inputs.size())).get();
			}
			return this.inputs.get(this.next++ % this.inputs.size()).get();
		}
	}

	/** About a million characters each, built to make a non-linear splitter hang. */
	private static List<Supplier<String>> hugeInputs() {
		int n = 500_000;
		return List.of(
				() -> "(".repeat(2 * n),
				() -> "/*".repeat(n),
				() -> "/*".repeat(n) + "*/".repeat(n) + " SELECT 1",
				() -> "SELECT '" + "''".repeat(n) + "'; SELECT 2",
				() -> "SELECT '" + "''".repeat(n),
				() -> "SELECT E'" + "\\'".repeat(n) + "'",
				() -> "SELECT \"" + "\"\"".repeat(n) + "\"",
				() -> "$a$".repeat(n / 2 * 2),
				() -> "$a$".repeat(n / 2 * 2 + 1),
				() -> "$".repeat(2 * n),
				() -> "$" + "a".repeat(2 * n),
				() -> "SELECT $" + "a$".repeat(n),
				() -> "SELECT 1;\n".repeat(n / 5),
				() -> ";".repeat(2 * n),
				() -> "-- comment; ' \" $$ /*\n".repeat(n / 10),
				() -> "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC " + "CASE ".repeat(n / 5) + "END ".repeat(n / 5)
						+ "END; SELECT 1",
				() -> "CREATE FUNCTION f() RETURNS int BEGIN ATOMIC " + "SELECT 1; ".repeat(n / 5),
				() -> "SELECT " + "a ".repeat(n) + ";",
				() -> "SELECT E'" + "\\".repeat(2 * n + 1),
				() -> "SELECT E''" + "\n''".repeat(n) + ";",
				() -> manyGeneratedScripts(2000));
	}

	private static String manyGeneratedScripts(int count) {
		SplittableRandom random = new SplittableRandom(Fuzz.baseSeed());
		StringBuilder script = new StringBuilder();
		for (int i = 0; i < count; i++) {
			script.append(LexicalScripts.generate(random).render().text()).append("\n;\n");
		}
		return script.toString();
	}

	/** One to four edits: cuts, insertions of lexically loaded text, replaced characters, copies, truncation. */
	private static String damage(SplittableRandom random, String script) {
		StringBuilder text = new StringBuilder(script);
		int edits = 1 + random.nextInt(4);
		for (int i = 0; i < edits; i++) {
			int length = text.length();
			int at = random.nextInt(length + 1);
			switch (random.nextInt(6)) {
				case 0 -> text.delete(at, Math.min(length, at + 1 + random.nextInt(8)));
				case 1, 2 -> text.insert(at, SqlForms.pick(random, DAMAGE));
				case 3 -> {
					if (at < length) {
						text.setCharAt(at, (char) SqlForms.codePoint(random, Alphabet.ANY));
					}
				}
				case 4 -> text.insert(at, text.substring(random.nextInt(at + 1), at));
				default -> text.setLength(at);
			}
		}
		return text.toString();
	}

	private static String arbitraryText(SplittableRandom random) {
		int length = (random.nextInt(10) == 0) ? random.nextInt(3000) : random.nextInt(200);
		StringBuilder text = new StringBuilder();
		while (text.length() < length) {
			if (random.nextInt(3) == 0) {
				text.append((char) random.nextInt(0x10000));
			}
			else {
				text.append(SqlForms.content(random, Alphabet.ANY, 6));
			}
		}
		return text.toString();
	}

	private static final byte[] LOADED_BYTES = "';\"$-/*\\()EeUuBbXxNn&\n\r\t 0123456789é😀".getBytes(StandardCharsets.UTF_8);

	private static final List<Charset> CHARSETS =
			List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16LE);

	/** Random bytes, half of them the ones that matter to a lexer, read in one of several encodings. */
	private static String decodedBytes(SplittableRandom random) {
		byte[] bytes = new byte[random.nextInt(400)];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = random.nextBoolean() ? (byte) random.nextInt(256)
					: LOADED_BYTES[random.nextInt(LOADED_BYTES.length)];
		}
		return new String(bytes, SqlForms.pick(random, CHARSETS));
	}

	/** Texts with a chunk cut out: halves first, then down to single characters. */
	static List<String> shrinkText(String text) {
		List<String> candidates = new ArrayList<>();
		for (int size = Math.max(1, text.length() / 2); size >= 1; size /= 2) {
			for (int from = 0; from + size <= text.length(); from += size) {
				candidates.add(text.substring(0, from) + text.substring(from + size));
			}
			if (size == 1) {
				break;
			}
		}
		return candidates;
	}
}
