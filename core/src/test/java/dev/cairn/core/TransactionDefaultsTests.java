package dev.cairn.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cairn.test.Sql;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration that changes how new transactions start (read-only, another isolation level)
 * decides nothing about Cairn's own history transaction after it: the session is restored
 * before that transaction begins. Found by trying it: a no-transaction file ending in
 * {@code SET default_transaction_read_only = on} ran completely and stayed {@code in_progress}.
 */
class TransactionDefaultsTests extends MigrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "-- cairn:no-transaction\nCREATE TABLE a (id int);\nSET default_transaction_read_only = on;",
			"-- cairn:no-transaction\nCREATE TABLE a (id int);\nSET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY;",
			"-- cairn:no-transaction\nCREATE TABLE a (id int);\nSELECT set_config('default_transaction_read_only', 'on', false);",
			"-- cairn:no-transaction\nCREATE TABLE a (id int);\nSET default_transaction_isolation = 'serializable';"
					+ "\nSET default_transaction_deferrable = on;",
			"CREATE TABLE a (id int);\nSET default_transaction_read_only = on;" })
	void aMigrationChangingTransactionDefaultsIsRecordedAndTheNextOneRuns(String script) {
		this.migrations.write("000001_a.up.sql", script)
			.write("000002_b.up.sql", "-- cairn:no-transaction\nCREATE TABLE b (id int);")
			.write("000003_c.up.sql", "CREATE TABLE c (id int);");
		assertThat(this.migrations.cairn(this.dataSource).migrate().applied()).hasSize(3);
		assertThat(Migrations.history(this.dataSource)).containsExactly("1:applied", "2:applied", "3:applied");
		assertThat(Sql.tableExists(this.dataSource, "public.c")).isTrue();
	}

}
