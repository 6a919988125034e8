package dev.cairn.autoconfigure;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.cairn.core.JavaMigrationContext;
import dev.cairn.core.JavaMigrationScope;

/**
 * Binds a Java migration's connection to Spring's transaction synchronization for the
 * application's DataSource while the migration runs, so that the {@code JdbcClient},
 * {@code JdbcTemplate} and repositories built on them that the migration calls use that
 * connection: their work is in the migration's transaction, applied and recorded with it or
 * not at all. {@code @Transactional} code the migration calls joins it (a transactional
 * migration's holder says a transaction is active); {@code REQUIRES_NEW} still takes a
 * connection of its own. Only used when Cairn migrates through the application's DataSource:
 * with {@code cairn.url} or a {@code @CairnDataSource} the application's connections are
 * another user's, or another database's.
 */
final class SpringTransactionScope implements JavaMigrationScope {

	private final DataSource dataSource;

	SpringTransactionScope(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void run(JavaMigrationContext context, Body body) throws Exception {
		if (TransactionSynchronizationManager.hasResource(this.dataSource)) {
			// The caller runs Cairn inside a transaction of its own (a test, say): leave its binding alone.
			body.run();
			return;
		}
		TransactionSynchronizationManager.bindResource(this.dataSource,
				new ConnectionHolder(context.connection(), context.inTransaction()));
		try {
			body.run();
		}
		finally {
			TransactionSynchronizationManager.unbindResource(this.dataSource);
		}
	}

}
