package dev.cairn.core.internal.lint;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cairn.core.LintFinding;
import dev.cairn.core.LintPolicy;
import dev.cairn.core.LintRule;
import dev.cairn.core.LintSettings;
import dev.cairn.core.internal.sql.SqlScriptParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linter's rules on single statements and small sets of files, offline unless a catalog is
 * given: what each rule reports, what it leaves alone, and how scope, catalog, policies and
 * suppressions change that.
 */
class LinterTests {

	static List<LintFinding> lint(String... scripts) {
		return lint(LintSettings.DEFAULTS, TableCatalog.offline(), scripts);
	}

	static List<LintFinding> lint(LintSettings settings, TableCatalog catalog, String... scripts) {
		List<Linter.File> files = new java.util.ArrayList<>();
		for (int i = 0; i < scripts.length; i++) {
			files.add(new Linter.File("V" + (i + 1) + "__test.sql", SqlScriptParser.parse(scripts[i])));
		}
		return new Linter(settings).lint(files, catalog);
	}

	static List<LintRule> rules(String... scripts) {
		return lint(scripts).stream().map(LintFinding::rule).toList();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX orders_total ON orders (total)", "create unique index x on public.orders(a)",
			"CREATE INDEX ON ONLY orders USING btree (a)", "ALTER TABLE orders ADD PRIMARY KEY (id)",
			"ALTER TABLE orders ADD CONSTRAINT u UNIQUE (code)" })
	void createIndexWithoutConcurrentlyOnATableNotCreatedHereIsReported(String sql) {
		assertThat(rules(sql)).containsExactly(LintRule.CREATE_INDEX_BLOCKING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX CONCURRENTLY orders_total ON orders (total)",
			"CREATE TABLE orders (id int); CREATE INDEX orders_id ON orders (id)",
			"ALTER TABLE orders ADD CONSTRAINT orders_pk PRIMARY KEY USING INDEX orders_id",
			"SELECT 'CREATE INDEX x ON orders (a)'", "-- CREATE INDEX x ON orders (a)\nSELECT 1",
			"CREATE TABLE \"Orders\" (id int); CREATE INDEX x ON \"Orders\" (id)" })
	void createIndexConcurrentlyOnANewTableOrInTextIsNotReported(String sql) {
		assertThat(rules(sql)).isEmpty();
	}

	@Test
	void aTableCreatedInAnEarlierPendingFileIsNew() {
		assertThat(rules("CREATE TABLE public.orders (id int, total int)", "CREATE INDEX x ON orders (total);"
				+ " ALTER TABLE orders ADD COLUMN c uuid DEFAULT gen_random_uuid(); DROP TABLE orders")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()",
			"ALTER TABLE orders ADD token float8 NOT NULL DEFAULT random()",
			"ALTER TABLE orders ADD COLUMN IF NOT EXISTS at timestamptz DEFAULT clock_timestamp()",
			"ALTER TABLE orders ADD COLUMN n bigserial", "ALTER TABLE orders ADD COLUMN n int DEFAULT nextval('s')",
			"ALTER TABLE orders ADD COLUMN t int GENERATED ALWAYS AS (total * 2) STORED" })
	void addColumnWithAVolatileDefaultIsReported(String sql) {
		assertThat(rules(sql)).containsExactly(LintRule.ADD_COLUMN_VOLATILE_DEFAULT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE orders ADD COLUMN note text DEFAULT 'random()'",
			"ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT now()",
			"ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false",
			"ALTER TABLE orders ADD COLUMN \"random\" int" })
	void addColumnWithAConstantOrStableDefaultIsNotReported(String sql) {
		assertThat(rules(sql)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE orders ALTER COLUMN total TYPE bigint",
			"ALTER TABLE orders ALTER total SET DATA TYPE numeric(12, 2) USING total::numeric" })
	void alterColumnTypeIsReported(String sql) {
		assertThat(rules(sql)).containsExactly(LintRule.ALTER_COLUMN_TYPE);
	}

	@Test
	void setNotNullIsReportedUnlessAValidatedCheckCameEarlier() {
		assertThat(rules("ALTER TABLE orders ALTER COLUMN total SET NOT NULL")).containsExactly(LintRule.SET_NOT_NULL);
		assertThat(rules("ALTER TABLE orders ADD CONSTRAINT total_nn CHECK (total IS NOT NULL) NOT VALID",
				"ALTER TABLE orders VALIDATE CONSTRAINT total_nn",
				"ALTER TABLE orders ALTER COLUMN total SET NOT NULL")).isEmpty();
	}

	@Test
	void setNotNullIsNotReportedWhenTheCatalogHasAValidatedCheck() {
		TableCatalog catalog = TableCatalog.of(Map.of("orders",
				new TableCatalog.Table(true, 1L << 30, List.of("CHECK ((total IS NOT NULL))"))));
		assertThat(lint(LintSettings.DEFAULTS, catalog, "ALTER TABLE orders ALTER COLUMN total SET NOT NULL")).isEmpty();
		assertThat(lint(LintSettings.DEFAULTS, catalog, "ALTER TABLE orders ALTER COLUMN other SET NOT NULL"))
			.extracting(LintFinding::rule)
			.containsExactly(LintRule.SET_NOT_NULL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer) REFERENCES customers (id)",
			"ALTER TABLE orders ADD FOREIGN KEY (customer) REFERENCES customers", "ALTER TABLE orders ADD CHECK (total > 0)",
			"ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0 AND note <> 'NOT VALID')" })
	void addConstraintWithoutNotValidIsReported(String sql) {
		assertThat(rules(sql)).containsExactly(LintRule.ADD_CONSTRAINT_WITHOUT_NOT_VALID);
	}

	@Test
	void addConstraintNotValidIsNotReportedButValidatingItInTheSameTransactionIs() {
		assertThat(rules("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID")).isEmpty();
		assertThat(rules("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;\n"
				+ "ALTER TABLE orders VALIDATE CONSTRAINT positive")).containsExactly(
						LintRule.VALIDATE_IN_SAME_TRANSACTION);
		// Without a transaction each statement commits on its own.
		assertThat(rules("-- cairn:no-transaction\nALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0)"
				+ " NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT positive")).isEmpty();
		assertThat(rules("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID",
				"ALTER TABLE orders VALIDATE CONSTRAINT positive")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE orders RENAME TO purchases", "ALTER TABLE orders RENAME COLUMN total TO amount",
			"ALTER TABLE IF EXISTS orders RENAME total TO amount" })
	void renameIsReported(String sql) {
		assertThat(rules(sql)).containsExactly(LintRule.RENAME);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DROP TABLE orders", "DROP TABLE IF EXISTS orders", "ALTER TABLE orders DROP COLUMN note",
			"ALTER TABLE orders DROP note" })
	void dropOfATableOrColumnIsReported(String sql) {
		assertThat(rules(sql)).containsExactly(LintRule.DROP);
	}

	@Test
	void dropTableOfSeveralTablesReportsEach() {
		assertThat(lint("DROP TABLE a, public.b")).extracting(LintFinding::detail)
			.containsExactly("DROP TABLE a", "DROP TABLE public.b");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE orders DROP CONSTRAINT fk", "ALTER TABLE orders ALTER COLUMN note DROP DEFAULT",
			"ALTER TABLE orders ALTER COLUMN note DROP NOT NULL", "ALTER TABLE orders RENAME CONSTRAINT a TO b",
			"DROP INDEX orders_total", "DROP VIEW orders_view" })
	void otherDropsAndRenamesAreNotReported(String sql) {
		assertThat(rules(sql)).isEmpty();
	}

	@Test
	void severalActionsOfOneAlterTableAreEachReportedOnTheirOwnLine() {
		assertThat(lint("ALTER TABLE orders\n  ADD COLUMN t uuid DEFAULT gen_random_uuid(),\n"
				+ "  ALTER COLUMN total TYPE bigint,\n  DROP COLUMN note"))
			.extracting((finding) -> finding.rule().id() + "@" + finding.line())
			.containsExactly("add-column-volatile-default@2", "alter-column-type@3", "drop@4");
	}

	@Test
	void reindexLockTableVacuumFullAndClusterAreReported() {
		assertThat(rules("REINDEX TABLE orders")).containsExactly(LintRule.REINDEX_BLOCKING);
		assertThat(rules("REINDEX (VERBOSE) INDEX orders_total")).containsExactly(LintRule.REINDEX_BLOCKING);
		assertThat(rules("-- cairn:no-transaction\nREINDEX TABLE CONCURRENTLY orders")).isEmpty();
		assertThat(rules("-- cairn:no-transaction\nREINDEX (CONCURRENTLY) TABLE orders")).isEmpty();
		assertThat(rules("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")).containsExactly(LintRule.LOCK_TABLE);
		assertThat(rules("LOCK orders")).containsExactly(LintRule.LOCK_TABLE);
		assertThat(rules("-- cairn:no-transaction\nVACUUM FULL orders")).containsExactly(LintRule.VACUUM_FULL);
		assertThat(rules("-- cairn:no-transaction\nVACUUM (FULL, ANALYZE) orders")).containsExactly(LintRule.VACUUM_FULL);
		assertThat(rules("-- cairn:no-transaction\nVACUUM (FULL false) orders")).isEmpty();
		assertThat(rules("-- cairn:no-transaction\nVACUUM ANALYZE orders")).isEmpty();
		assertThat(rules("CLUSTER orders USING orders_pkey")).containsExactly(LintRule.CLUSTER);
	}

	@Test
	void aFindingNamesFileLineRuleWhyAndTheSaferPattern() {
		assertThat(lint("SELECT 1;\n\nCREATE INDEX x ON orders (total);")).singleElement().satisfies((finding) -> {
			assertThat(finding.file()).isEqualTo("V1__test.sql");
			assertThat(finding.line()).isEqualTo(3);
			assertThat(finding.policy()).isEqualTo(LintPolicy.WARN);
			assertThat(finding.describe()).startsWith("V1__test.sql:3: create-index-blocking: CREATE INDEX on orders"
					+ " without CONCURRENTLY: it holds a SHARE lock")
				.contains("Safer: CREATE INDEX CONCURRENTLY", "-- cairn:lint-ignore create-index-blocking <reason>");
		});
	}

	@Test
	void aSuppressionAcceptsTheNextStatementOnlyAndAFileSuppressionEveryStatement() {
		List<LintFinding> findings = lint("CREATE INDEX a ON orders (x);\n"
				+ "-- cairn:lint-ignore create-index-blocking orders has 40 rows in every environment\n"
				+ "CREATE INDEX b ON orders (y);\nCREATE INDEX c ON orders (z);");
		assertThat(findings).extracting(LintFinding::acceptedBecause)
			.containsExactly(null, "orders has 40 rows in every environment", null);
		assertThat(lint("-- cairn:lint-ignore-file drop the table was never used\nDROP TABLE a;\nDROP TABLE b;"))
			.extracting(LintFinding::stopsRun)
			.containsExactly(false, false);
	}

	@Test
	void aSuppressionOfAnotherRuleAcceptsNothing() {
		assertThat(lint("-- cairn:lint-ignore drop not this one\nCREATE INDEX a ON orders (x)"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.acceptedBecause()).isNull());
	}

	@Test
	void policiesTurnRulesOffOrMakeThemFail() {
		LintSettings settings = new LintSettings(
				Map.of(LintRule.DROP, LintPolicy.OFF, LintRule.CREATE_INDEX_BLOCKING, LintPolicy.FAIL), 0);
		assertThat(lint(settings, TableCatalog.offline(), "DROP TABLE a; CREATE INDEX x ON b (c)"))
			.singleElement()
			.satisfies((finding) -> {
				assertThat(finding.rule()).isEqualTo(LintRule.CREATE_INDEX_BLOCKING);
				assertThat(finding.stopsRun()).isTrue();
			});
	}

	@Test
	void whenConnectedSmallAndMissingTablesAreNotReportedByCatalogRulesButRenamesAndDropsAre() {
		TableCatalog catalog = TableCatalog.of(Map.of("small", new TableCatalog.Table(true, 8192, List.of()), "big",
				new TableCatalog.Table(true, 50L << 20, List.of()), "missing", new TableCatalog.Table(false, 0, List.of())));
		assertThat(lint(LintSettings.DEFAULTS, catalog, "CREATE INDEX a ON small (x); CREATE INDEX b ON big (x);"
				+ " CREATE INDEX c ON missing (x); DROP TABLE small"))
			.extracting(LintFinding::detail)
			.containsExactly("CREATE INDEX on big without CONCURRENTLY (50.0 MiB)", "DROP TABLE small (8 kB)");
	}

	@Test
	void unknownRulesInSuppressionsAreReported() {
		assertThat(Linter.unknownSuppressions("V1__x.sql",
				SqlScriptParser.parse("-- cairn:lint-ignore create-index-blockng typo here\nSELECT 1")))
			.singleElement()
			.asString()
			.contains("V1__x.sql:1", "unknown rule 'create-index-blockng'", "create-index-blocking");
	}

}
