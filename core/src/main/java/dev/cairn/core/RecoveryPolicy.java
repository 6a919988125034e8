package dev.cairn.core;

/**
 * What a run does with a non-transactional migration a previous run left in progress (the
 * process or its connection died between its statements).
 */
public enum RecoveryPolicy {

	/** Stop and name the migration, the invalid indexes it left, and both ways out. */
	FAIL,

	/**
	 * Drop the invalid indexes its {@code CREATE INDEX CONCURRENTLY} statements left, run its
	 * down file if it has one, remove its history row and apply it again.
	 */
	ROLLBACK_AND_RETRY

}
