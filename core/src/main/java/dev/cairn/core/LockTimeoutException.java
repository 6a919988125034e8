package dev.cairn.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Another session held the track's migration lock for longer than the lock timeout.
 * Nothing was changed.
 */
public class LockTimeoutException extends CairnException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable LockHolder holder;

	private final Duration waited;

	public LockTimeoutException(String message, @Nullable LockHolder holder, Duration waited) {
		super(message);
		this.holder = holder;
		this.waited = waited;
	}

	/** Who held the lock when Cairn gave up, if it could still be seen. */
	public @Nullable LockHolder holder() {
		return this.holder;
	}

	public Duration waited() {
		return this.waited;
	}

}
