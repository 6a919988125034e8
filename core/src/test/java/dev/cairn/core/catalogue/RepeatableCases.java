package dev.cairn.core.catalogue;

import org.junit.jupiter.api.Test;

import dev.cairn.core.CairnException;
import dev.cairn.core.MigrationFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeatable migrations: a failing one, names that collide, a repeatable that asks for no
 * transaction, a name that mixes layouts.
 */
abstract class RepeatableCases extends CatalogueCases {

	@Test
	void failingRepeatableLeavesNothingAndIsRetriedByTheNextRun() {
		write("000001_books.up.sql", "CREATE TABLE books (id int);");
		cairn().migrate();
		write("R__titles.sql", "CREATE VIEW titles AS SELECT title FROM books;");
		CairnException ex = refused("repeat-01", "`R__titles.sql` fails (a column that does not exist)",
				"refused, nothing of it applied; the next run applies it again", () -> cairn().migrate());
		assertThat(ex).isInstanceOf(MigrationFailedException.class);
		assertThat(ex.getMessage()).contains("R__titles.sql", "(repeatable)", "column \"title\" does not exist",
				"the next run applies it again");
		write("R__titles.sql", "CREATE VIEW titles AS SELECT id FROM books;");
		assertThat(cairn().migrate().applied()).hasSize(1);
		assertThat(history()).containsExactly("1 applied 000001_books.up.sql", "R:titles#1 applied R__titles.sql");
	}

	@Test
	void repeatablesWhoseNamesDifferOnlyInCaseAreRefused() {
		write("R__Views.sql", "SELECT 1;").write("views.repeatable.sql", "SELECT 2;");
		CairnException ex = refused("repeat-02", "`R__Views.sql` and `views.repeatable.sql`: names that differ only in case",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("R__Views.sql", "views.repeatable.sql", "but for case", "rename or delete one");
	}

	@Test
	void repeatableWithoutTransactionIsRefused() {
		write("R__views.sql", "-- cairn:no-transaction\nCREATE VIEW v AS SELECT 1;");
		CairnException ex = refused("repeat-03", "`R__views.sql` with `-- cairn:no-transaction`", () -> cairn().migrate());
		assertThat(ex.getMessage()).contains("R__views.sql:1", "always runs in one transaction");
	}

	@Test
	void repeatableNamedLikeAVersionedFileIsRefused() {
		write("V1__views.repeatable.sql", "SELECT 1;");
		CairnException ex = refused("repeat-04", "`V1__views.repeatable.sql`: both layouts in one name",
				() -> cairn().migrate());
		assertThat(ex.getMessage()).contains("V1__views.repeatable.sql", "must not start with a version");
	}

}
