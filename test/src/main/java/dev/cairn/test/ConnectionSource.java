package dev.cairn.test;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A DataSource a test writes by giving only {@link #getConnection()}: one that hands out a
 * shared connection, counts or holds back requests, or wraps another, the way a pool the engine
 * did not build would. Everything else is the plainest answer DataSource allows.
 */
public abstract class ConnectionSource implements DataSource {

	/**
	 * A DataSource handing out the one connection again and again, as a pool of one does;
	 * closing what it hands out does nothing, so the test sees the session as the engine left it.
	 * @param connection the connection to share
	 * @return the DataSource
	 */
	public static ConnectionSource sharing(Connection connection) {
		Connection unclosable = (Connection) Proxy.newProxyInstance(ConnectionSource.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getName().equals("close")) {
						return null;
					}
					try {
						return method.invoke(connection, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		return new ConnectionSource() {

			@Override
			public Connection getConnection() {
				return unclosable;
			}

		};
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection();
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		throw new SQLException("not a wrapper");
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return false;
	}

}
