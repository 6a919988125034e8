package dev.cairn.core.internal.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.cairn.core.internal.scan.MigrationFileName.Kind;
import dev.cairn.core.internal.scan.MigrationFileName.Layout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MigrationFileName} scans names by hand; these tests hold it to the regular expressions it
 * replaced, over tricky names and many generated ones (fixed seed, so failures reproduce).
 */
class MigrationFileNameEquivalenceTests {

	// Parts of names; each layout is drawn mostly from parts that fit it, so most names either parse
	// or fail close to the edge, and the rest from anything.

	private static final String[] GOLANG_VERSIONS = { "1", "000042", "20260521103000", "0", "99999999999999999999",
			"1.2", "1_2", "", "\u0663", "V1" };

	private static final String[] FLYWAY_PREFIXES = { "V", "V", "U", "U", "v", "u", "R", "" };

	private static final String[] FLYWAY_VERSIONS = { "1", "000042", "2.1.3", "1_10", "1._2", "1.", "1_", "1__2",
			"1.99999999999999999999", "", "\u0663" };

	private static final String[] REPEATABLE_PREFIXES = { "R", "R", "R", "r", "R1", "V" };

	private static final String[] SEPARATORS = { "_", "__", "___", "", ".", "_." };

	private static final String[] GOLANG_TAILS = { ".up.sql", ".down.sql", ".UP.SQL", ".Down.Sql", ".up.sql.up.sql",
			".sql", ".up.sq", ".up.\u017fql", ".up.sql\n", "\n.up.sql", "" };

	private static final String[] FLYWAY_TAILS = { ".sql", ".SQL", ".sQl", ".sql.sql", "__.sql", "_.sql",
			".\u017fql", ".sq", ".sql\n", "\u2028.sql", "" };

	private static final String[] TOKENS = { "0", "1", "9", "42", "99999999999999999999", "_", "__", ".", "._", "_.",
			"v", "V", "u", "U", "r", "R", "a", "x", "-", " ", "up", "down", "sql", "UP", "SQL", "Down", "sQl", ".sql",
			".up", ".down", ".up.sql", ".down.sql", "\n", "\r", "\u0085", "\u2028", "\u2029", "\t", "\u00a0", "\u2003",
			"\u0663", "\u017f", "\u212a", "\u0130", "\ud83d\ude00", "\ud83d", "\ude00" };

	@Test
	void parseAgreesWithTheRegularExpressions() {
		List<String> names = new ArrayList<>(List.of("000042_add_orders.up.sql", "000042_add_orders.down.sql",
				"V1_10__add_orders_table.sql", "V2.1.3__x.sql", "U42__add_orders.sql", "R__refresh_views.sql",
				"20260521103000_create_users.up.sql", "000042.up.sql", "V42__.sql", "V42.sql", "000042____.up.sql",
				"000042_add_orders.sql", "V42_add_orders.sql", "v42__add_orders.sql", "schema.sql",
				"99999999999999999999999_x.up.sql", "V1__2__x.sql", "V1_2__x.sql", "V1._2__x.sql", "V1.__x.sql",
				"V1___x.sql", "V1____.sql", "V__x.sql", "V1__2.sql", "V01.002__x.sql", "U1.0__x.sql", "U1__x.SQL",
				"1_a.up.sql.up.sql", "1_a.down.sql.up.sql", "1_x.sql.up.sql", "1_.up.sql", "1__.up.sql", "1_ .up.sql",
				"1_x__.up.sql", "1_\u2003_.up.sql", "1_\u00a0.up.sql", "1_x.up.SQL", "1_x.UP.sql", "1_x.\u017fql",
				"1_x.up.\u017fql", "1_x\n.up.sql", "\u0663_x.up.sql", "R___.sql", "R__x.sql.sql", "R__.sql.sql",
				"r__x.sql", "V1__x\u2028.sql", "", "V", "R", "1", "1_"));
		Random random = new Random(20260521);
		for (int i = 0; i < 4_000; i++) {
			names.add(generate(random));
		}
		List<String> mismatches = new ArrayList<>();
		for (String name : names) {
			String expected = outcome(() -> RegexOracle.parse(name));
			String actual = outcome(() -> MigrationFileName.parse(name));
			if (!expected.equals(actual) && mismatches.size() < 20) {
				mismatches.add(escape(name) + ": expected " + expected + " but was " + actual);
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void isCandidateAgreesWithLowerCasing() {
		List<String> mismatches = new ArrayList<>();
		// Every char in each of the last five places: none may lower-case to a char of ".sql" (nor
		// expand, as U+0130 does, into one) unless it is one.
		char[] chars = "_.sql".toCharArray();
		for (int place = 0; place < chars.length; place++) {
			char usual = chars[place];
			for (int c = 0; c <= Character.MAX_VALUE; c++) {
				chars[place] = (char) c;
				checkCandidate(new String(chars), mismatches);
			}
			chars[place] = usual;
		}
		Random random = new Random(20260521);
		for (int i = 0; i < 2_000; i++) {
			checkCandidate(generate(random), mismatches);
			checkCandidate("." + generate(random), mismatches);
		}
		assertThat(mismatches).isEmpty();
	}

	private static void checkCandidate(String name, List<String> mismatches) {
		boolean expected = !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".sql");
		if (MigrationFileName.isCandidate(name) != expected && mismatches.size() < 20) {
			mismatches.add(escape(name));
		}
	}

	private static String generate(Random random) {
		StringBuilder name = new StringBuilder();
		switch (random.nextInt(4)) {
			case 0 -> name.append(pick(random, GOLANG_VERSIONS, "000042"))
				.append(pick(random, SEPARATORS, "_"))
				.append(tokens(random, 4))
				.append(pick(random, GOLANG_TAILS, ".up.sql"));
			case 1 -> name.append(pick(random, FLYWAY_PREFIXES, "V"))
				.append(pick(random, FLYWAY_VERSIONS, "1.2"))
				.append(pick(random, SEPARATORS, "__"))
				.append(tokens(random, 4))
				.append(pick(random, FLYWAY_TAILS, ".sql"));
			case 2 -> name.append(pick(random, REPEATABLE_PREFIXES, "R"))
				.append(pick(random, SEPARATORS, "__"))
				.append(tokens(random, 4))
				.append(pick(random, FLYWAY_TAILS, ".sql"));
			default -> name.append(tokens(random, 9));
		}
		return name.toString();
	}

	private static String pick(Random random, String[] parts) {
		return parts[random.nextInt(parts.length)];
	}

	/** Mostly the usual part, else any. */
	private static String pick(Random random, String[] parts, String usual) {
		return (random.nextInt(4) != 0) ? usual : pick(random, parts);
	}

	private static String tokens(Random random, int bound) {
		StringBuilder tokens = new StringBuilder();
		for (int count = 1 + random.nextInt(bound); count > 0; count--) {
			tokens.append(pick(random, TOKENS));
		}
		return tokens.toString();
	}

	private static String outcome(Supplier<MigrationFileName> parse) {
		try {
			MigrationFileName name = parse.get();
			return name.kind() + " " + name.layout() + " " + name.version() + " [" + name.description() + "]";
		}
		catch (RuntimeException ex) {
			return ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
	}

	private static String escape(String name) {
		StringBuilder escaped = new StringBuilder();
		for (char c : name.toCharArray()) {
			escaped.append((c >= ' ' && c < 127) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
		}
		return escaped.toString();
	}

	/** {@code MigrationFileName.parse} as it was, matching regular expressions. */
	private static final class RegexOracle {

		private static final Pattern GOLANG_MIGRATE = Pattern.compile("([0-9]+)_(.+)\\.(up|down)\\.sql",
				Pattern.CASE_INSENSITIVE);

		private static final Pattern FLYWAY = Pattern.compile("([VU])([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql",
				Pattern.CASE_INSENSITIVE);

		private static final Pattern FLYWAY_REPEATABLE = Pattern.compile("R__(.+)\\.sql", Pattern.CASE_INSENSITIVE);

		private static final Pattern REPEATABLE = Pattern.compile("(?s)(.*)\\.repeatable\\.sql", Pattern.CASE_INSENSITIVE);

		private static final Pattern SNAPSHOT = Pattern.compile("([0-9]+)_(.+)\\.snapshot\\.sql", Pattern.CASE_INSENSITIVE);

		private static final Pattern FLYWAY_SNAPSHOT = Pattern.compile("B([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql",
				Pattern.CASE_INSENSITIVE);

		static MigrationFileName parse(String fileName) {
			Matcher snapshot = SNAPSHOT.matcher(fileName);
			if (!fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".repeatable.sql") && snapshot.matches()) {
				return new MigrationFileName(Kind.SNAPSHOT, Layout.GOLANG_MIGRATE, MigrationFileName.version(snapshot.group(1)),
						MigrationFileName.description(snapshot.group(2), fileName));
			}
			snapshot = FLYWAY_SNAPSHOT.matcher(fileName);
			if (!fileName.isEmpty() && fileName.charAt(0) == 'B' && !REPEATABLE.matcher(fileName).matches() && snapshot.matches()) {
				return new MigrationFileName(Kind.SNAPSHOT, Layout.FLYWAY, MigrationFileName.version(snapshot.group(1)),
						MigrationFileName.description(snapshot.group(2), fileName));
			}
			Matcher matcher = REPEATABLE.matcher(fileName);
			if (matcher.matches()) {
				String stem = matcher.group(1);
				if (stem.matches("(?s)R__.*|[VU][0-9].*|[0-9].*")) {
					throw new IllegalArgumentException("a repeatable's name must not start with a version or a Flyway"
							+ " prefix: name it refresh_views.repeatable.sql or R__refresh_views.sql, not both");
				}
				if (!stem.matches(".+")) {
					throw new IllegalArgumentException("the repeatable has no name: write it as refresh_views.repeatable.sql");
				}
				return new MigrationFileName(Kind.REPEATABLE, Layout.GOLANG_MIGRATE, null,
						MigrationFileName.description(stem, fileName));
			}
			matcher = GOLANG_MIGRATE.matcher(fileName);
			if (matcher.matches()) {
				Kind kind = matcher.group(3).equalsIgnoreCase("up") ? Kind.UP : Kind.DOWN;
				return new MigrationFileName(kind, Layout.GOLANG_MIGRATE, MigrationFileName.version(matcher.group(1)),
						MigrationFileName.description(matcher.group(2), fileName));
			}
			matcher = FLYWAY.matcher(fileName);
			if (matcher.matches() && Character.isUpperCase(fileName.charAt(0))) {
				Kind kind = (matcher.group(1).equals("V")) ? Kind.UP : Kind.DOWN;
				return new MigrationFileName(kind, Layout.FLYWAY, MigrationFileName.version(matcher.group(2)),
						MigrationFileName.description(matcher.group(3), fileName));
			}
			matcher = FLYWAY_REPEATABLE.matcher(fileName);
			if (matcher.matches() && fileName.charAt(0) == 'R') {
				return new MigrationFileName(Kind.REPEATABLE, Layout.FLYWAY, null,
						MigrationFileName.description(matcher.group(1), fileName));
			}
			throw new IllegalArgumentException(MigrationFileName.explain(fileName));
		}

	}

}
