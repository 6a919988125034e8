package dev.cairn.autoconfigure;

import java.time.Instant;

import dev.cairn.core.StatusReport;

/**
 * Lets tests in other packages drive the tracker's package-private replica API.
 */
public final class CairnRunTrackerAccess {

	private CairnRunTrackerAccess() {
	}

	public static void waiting(CairnRunTracker tracker, String track, StatusReport status) {
		tracker.waiting(track, status, Instant.now());
	}

}
