package dev.cairn.core.internal.fleet;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;

/**
 * The DataSource of one tenant: every connection it hands out has {@code search_path} set to
 * the tenant's schema (then the shared schemas), so a migration's unqualified DDL lands in the
 * tenant's schema, and gets its own search path back when it is closed, so a pooled
 * connection never carries one tenant's path to the next user.
 *
 * <p>Setting the path and reading the one it replaces is one round trip; putting it back is
 * another. Within a run the work session's own restore (the engine's {@code SessionState})
 * keeps the tenant's path, since it captured it: a migration's {@code SET search_path} or
 * {@code RESET ALL} is undone after every migration, and this close undoes the tenant's. A
 * path that was the session's own ({@code SET} by a pool's init SQL) is set again; any other
 * (server, database, role or the client's {@code currentSchema}) comes back with
 * {@code RESET}. A connection whose path cannot be put back is aborted, never pooled.
 */
public final class TenantDataSource implements DataSource {

	private static final String ENTER = "SELECT old.setting, old.source = 'session',"
			+ " pg_catalog.set_config('search_path', ?, false)"
			+ " FROM (SELECT setting, source FROM pg_catalog.pg_settings WHERE name = 'search_path' OFFSET 0) old";

	private final DataSource delegate;

	private final String searchPath;

	/**
	 * @param delegate where connections come from
	 * @param schemas the search path, the tenant's schema first
	 */
	public TenantDataSource(DataSource delegate, List<String> schemas) {
		this.delegate = delegate;
		this.searchPath = String.join(", ", schemas.stream().map(TenantDataSource::quote).toList());
	}

	/** The search path as set, each name quoted. */
	public String searchPath() {
		return this.searchPath;
	}

	static String quote(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}

	@Override
	public Connection getConnection() throws SQLException {
		return enter(this.delegate.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return enter(this.delegate.getConnection(username, password));
	}

	private Connection enter(Connection connection) throws SQLException {
		try {
			String previous;
			boolean own;
			try (PreparedStatement statement = connection.prepareStatement(ENTER)) {
				statement.setString(1, this.searchPath);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					previous = result.getString(1);
					own = result.getBoolean(2);
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
			return (Connection) Proxy.newProxyInstance(TenantDataSource.class.getClassLoader(),
					new Class<?>[] { Connection.class }, new Handler(connection, own ? previous : null));
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.close();
			}
			catch (SQLException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	/** Puts the path back on close; everything else goes to the pooled connection. */
	private static final class Handler implements InvocationHandler {

		private final Connection connection;

		/** The session's own path before the tenant's, or null to RESET it. */
		private final @Nullable String previous;

		private boolean closed;

		Handler(Connection connection, @Nullable String previous) {
			this.connection = connection;
			this.previous = previous;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
			switch (method.getName()) {
				case "close" -> {
					close();
					return null;
				}
				case "isClosed" -> {
					return this.closed || this.connection.isClosed();
				}
				case "abort" -> {
					this.closed = true;
					this.connection.abort((java.util.concurrent.Executor) args[0]);
					return null;
				}
				case "unwrap" -> {
					Class<?> type = (Class<?>) args[0];
					return type.isInstance(proxy) ? proxy : this.connection.unwrap(type);
				}
				case "isWrapperFor" -> {
					Class<?> type = (Class<?>) args[0];
					return type.isInstance(proxy) || this.connection.isWrapperFor(type);
				}
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				case "toString" -> {
					return "TenantConnection[" + this.connection + "]";
				}
				default -> {
					try {
						return method.invoke(this.connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				}
			}
		}

		private void close() throws SQLException {
			if (this.closed) {
				return;
			}
			this.closed = true;
			if (this.connection.isClosed()) {
				return;
			}
			try {
				try (PreparedStatement statement = this.connection.prepareStatement((this.previous != null)
						? "SELECT pg_catalog.set_config('search_path', ?, false)" : "RESET search_path")) {
					if (this.previous != null) {
						statement.setString(1, this.previous);
					}
					statement.execute();
				}
				if (!this.connection.getAutoCommit()) {
					this.connection.commit();
				}
			}
			catch (SQLException ex) {
				// An aborted transaction or a broken session: the pool must not hand it out with the tenant's path.
				this.connection.abort(Runnable::run);
				return;
			}
			this.connection.close();
		}

	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.delegate.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this) ? type.cast(this) : this.delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this) || this.delegate.isWrapperFor(type);
	}

}
