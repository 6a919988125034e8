package dev.cairn.core.internal.history;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The states Cairn writes into a history row's {@code state} column.
 */
public enum HistoryState {

	/** Applied completely; the only state a healthy history has. */
	APPLIED("applied"),

	/** A non-transactional migration started and has not finished: running now, or crashed. */
	IN_PROGRESS("in_progress"),

	/** A non-transactional migration failed after some of its statements took effect. */
	FAILED("failed"),

	/** A non-transactional down file started and has not finished. */
	UNDOING("undoing");

	// Not values() per call: it copies the array, and every history row of every run asks. Filled by a
	// loop, not a stream: it is initialised on every start, before anything is warm.
	private static final Map<String, HistoryState> BY_STORED = new HashMap<>();

	static {
		for (HistoryState state : values()) {
			BY_STORED.put(state.stored, state);
		}
	}

	private final String stored;

	HistoryState(String stored) {
		this.stored = stored;
	}

	/** The text in the {@code state} column. */
	public String stored() {
		return this.stored;
	}

	/**
	 * The state a column value means.
	 * @return the state, or {@code null} for text this version of Cairn did not write
	 */
	public static @Nullable HistoryState of(String stored) {
		return (stored != null) ? BY_STORED.get(stored) : null;
	}

	@Override
	public String toString() {
		return this.stored;
	}

}
