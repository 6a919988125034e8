package dev.cairn.core.internal.history;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of a track's history table, as stored.
 *
 * @param version the canonical version text
 * @param description the description when applied
 * @param script the file name relative to its location when applied
 * @param checksum the checksum when applied
 * @param type the {@link dev.cairn.core.MigrationType} name
 * @param storedState the {@code state} column as stored (see {@link #state()})
 * @param appliedAt when it was applied (or started, while in progress)
 * @param appliedBy who applied it
 * @param executionTime how long it took
 * @param appliedOrder the order rows were written in
 * @param cairnVersion the Cairn version that wrote the row
 * @param error the error of a failed non-transactional migration
 */
public record HistoryRow(String version, String description, String script, @Nullable String checksum, String type,
		String storedState, Instant appliedAt, String appliedBy, @Nullable Duration executionTime, long appliedOrder,
		@Nullable String cairnVersion, @Nullable String error) {

	/**
	 * The row's state.
	 * @return the state, or {@code null} when the column holds text this version of Cairn did not write
	 */
	public @Nullable HistoryState state() {
		return HistoryState.of(this.storedState);
	}

}
