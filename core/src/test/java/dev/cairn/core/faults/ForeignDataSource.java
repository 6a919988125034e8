package dev.cairn.core.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.cairn.test.ConnectionSource;

/**
 * A DataSource the engine did not build and cannot configure, as a pool is: it hands out the
 * connections of another one, optionally only once {@link #release} is called (a pool waiting
 * for a free connection, a server slow to answer), and remembers every connection it handed out.
 */
final class ForeignDataSource extends ConnectionSource {

	private final DataSource delegate;

	private final CountDownLatch gate;

	private final List<Connection> handedOut = new CopyOnWriteArrayList<>();

	private final AtomicInteger attempts = new AtomicInteger();

	private ForeignDataSource(DataSource delegate, boolean gated) {
		this.delegate = delegate;
		this.gate = new CountDownLatch(gated ? 1 : 0);
	}

	static ForeignDataSource of(DataSource delegate) {
		return new ForeignDataSource(delegate, false);
	}

	/** One whose getConnection() blocks until {@link #release}. */
	static ForeignDataSource gated(DataSource delegate) {
		return new ForeignDataSource(delegate, true);
	}

	void release() {
		this.gate.countDown();
	}

	/** How many times getConnection() was called. */
	int attempts() {
		return this.attempts.get();
	}

	List<Connection> handedOut() {
		return this.handedOut;
	}

	@Override
	public Connection getConnection() throws SQLException {
		this.attempts.incrementAndGet();
		try {
			this.gate.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SQLException("interrupted", ex);
		}
		Connection connection = this.delegate.getConnection();
		this.handedOut.add(connection);
		return connection;
	}

}
