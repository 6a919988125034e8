package dev.cairn.core;

/**
 * What runs around every Java migration's {@code migrate} or {@code undo}, on the migrating
 * thread: the Spring Boot starter binds the migration's connection to Spring's transaction
 * synchronization here, so that {@code JdbcClient}, {@code JdbcTemplate} and
 * {@code @Transactional} code the migration calls run in its transaction. Set with
 * {@link CairnConfiguration.Builder#javaMigrationScope}; the default just calls the body.
 */
@FunctionalInterface
public interface JavaMigrationScope {

	/** Calls the body directly. */
	JavaMigrationScope NONE = (context, body) -> body.run();

	/**
	 * Runs {@code body}, which calls the migration, with whatever the scope sets up around it.
	 * It must call the body exactly once and let its exception through.
	 * @param context the migration's context
	 * @param body the call of the migration
	 * @throws Exception what the migration threw
	 */
	void run(JavaMigrationContext context, Body body) throws Exception;

	/**
	 * The call of the migration.
	 */
	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

}
