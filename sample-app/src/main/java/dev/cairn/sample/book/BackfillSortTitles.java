package dev.cairn.sample.book;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationContext;

/**
 * Fills in the sort title of the books that existed before 000007 added the column, with the
 * rule the API uses for new books ({@link SortTitle}), through the application's own
 * {@link BookRepository}.
 *
 * <p>Technique: a Java migration as a Spring bean. Cairn orders it with the SQL files by its
 * version and runs it in one transaction with its history row; the repository's
 * {@code JdbcClient} takes part in that transaction, so the backfill is applied and recorded
 * together or not at all. It works in batches and reports its progress, which
 * {@code /actuator/migrations} shows while it runs: on the sample's few books that is one
 * batch and no time at all, on a large table the same code keeps each statement small.
 */
@Component
public class BackfillSortTitles implements JavaMigration {

	private static final int BATCH = 500;

	private final BookRepository books;

	public BackfillSortTitles(BookRepository books) {
		this.books = books;
	}

	@Override
	public String version() {
		return "8";
	}

	@Override
	public String description() {
		return "backfill books sort title";
	}

	@Override
	public void migrate(JavaMigrationContext context) {
		long total = this.books.countWithoutSortTitle();
		long done = 0;
		List<BookRepository.Titled> batch;
		while (!(batch = this.books.findWithoutSortTitle(BATCH)).isEmpty()) {
			for (BookRepository.Titled book : batch) {
				this.books.setSortTitle(book.id(), SortTitle.of(book.title()));
			}
			done += batch.size();
			context.progress(done, total);
		}
	}

	@Override
	public boolean undoable() {
		return true;
	}

	/** The column goes with 000007's down file; until then, forget the backfilled values. */
	@Override
	public void undo(JavaMigrationContext context) {
		this.books.clearSortTitles();
	}

}
