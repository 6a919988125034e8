package dev.cairn.test;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cairn.test.SchemaSnapshot.Scope;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SchemaSnapshot}: equal for the same schema built twice, different and diffable after
 * a change, and scoped as asked.
 */
class SchemaSnapshotTests {

	private static final String SCHEMA = """
			CREATE TYPE status AS ENUM ('new', 'done');
			CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(200) NOT NULL UNIQUE);
			CREATE TABLE orders (id serial PRIMARY KEY, customer bigint REFERENCES customers, state status DEFAULT 'new',
				CHECK (id > 0));
			CREATE INDEX orders_customer ON orders (customer);
			CREATE VIEW open_orders AS SELECT id FROM orders WHERE state = 'new';
			CREATE TABLE history (version text PRIMARY KEY, id serial);
			""";

	private DataSource first;

	private DataSource second;

	@BeforeEach
	void twoDatabasesWithTheSameSchema() {
		this.first = TestDatabase.createDatabase();
		this.second = TestDatabase.createDatabase();
		TestDatabase.execute(this.first, SCHEMA);
		TestDatabase.execute(this.second, SCHEMA);
	}

	@Test
	void theSameSchemaGivesEqualSnapshots() {
		SchemaSnapshot first = SchemaSnapshot.of(this.first);
		SchemaSnapshot second = SchemaSnapshot.of(this.second);
		assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
		assertThat(first.diff(second)).isEmpty();
		assertThat(first.lines()).contains("type public.status e new,done",
				"column public.customers.email character varying(200) not null",
				"column public.customers.id bigint not null identity a",
				"index public.orders_customer CREATE INDEX orders_customer ON public.orders USING btree (customer)")
			.anySatisfy((line) -> assertThat(line).startsWith("constraint public.orders.orders_customer_fkey FOREIGN KEY"))
			.anySatisfy((line) -> assertThat(line).startsWith("view public.open_orders "))
			.anySatisfy((line) -> assertThat(line).startsWith("schema public owner "));
		assertThat(first.toString()).isEqualTo(String.join("\n", first.lines()));
	}

	@Test
	void aChangeShowsInTheDiffAsRemovedAndAddedLines() {
		SchemaSnapshot before = SchemaSnapshot.of(this.first);
		TestDatabase.execute(this.first, "ALTER TABLE customers ALTER COLUMN email TYPE text",
				"DROP INDEX orders_customer", "ALTER TYPE status ADD VALUE 'cancelled'");
		SchemaSnapshot after = SchemaSnapshot.of(this.first);
		assertThat(after).isNotEqualTo(before);
		assertThat(before.diff(after)).isEqualTo("""
				- column public.customers.email character varying(200) not null
				+ column public.customers.email text not null
				- index public.orders_customer CREATE INDEX orders_customer ON public.orders USING btree (customer)
				- relation public.orders_customer i owner postgres
				- type public.status e new,done
				+ type public.status e new,done,cancelled
				""".replace("owner postgres", "owner " + Sql.value(this.first, "SELECT current_user")));
	}

	@Test
	void rowsCountOnlyWhenAskedFor() {
		Scope withRows = Scope.database().withRows();
		TestDatabase.execute(this.first, "INSERT INTO customers (email) VALUES ('a@example.com')");
		assertThat(SchemaSnapshot.of(this.first)).isEqualTo(SchemaSnapshot.of(this.second));
		assertThat(SchemaSnapshot.of(this.second, withRows).diff(SchemaSnapshot.of(this.first, withRows)))
			.isEqualTo("+ row public.customers (1,a@example.com)\n");
	}

	@Test
	void aSchemaScopeLeavesOutOtherSchemasAndExcludedTablesWithWhatTheyOwn() {
		Scope scope = Scope.schema("public").excludingTables("history");
		SchemaSnapshot before = SchemaSnapshot.of(this.first, scope);
		assertThat(before.lines()).noneMatch((line) -> line.contains("history")).noneMatch((line) -> line.startsWith("schema "));
		TestDatabase.execute(this.first, "CREATE SCHEMA audit", "CREATE TABLE audit.log (id int)",
				"INSERT INTO history VALUES ('1')", "ALTER TABLE history ADD COLUMN note text");
		assertThat(SchemaSnapshot.of(this.first, scope)).isEqualTo(before);
		assertThat(SchemaSnapshot.of(this.first, Scope.schema("audit")).lines()).containsExactly(
				"column audit.log.id integer", "relation audit.log r owner " + Sql.value(this.first, "SELECT current_user"));
		TestDatabase.execute(this.first, "DROP TABLE orders CASCADE", "DROP TABLE customers", "DROP TYPE status");
		assertThat(SchemaSnapshot.of(this.first, scope).isEmpty()).isTrue();
	}

}
