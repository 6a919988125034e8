package dev.cairn.core.catalogue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource that records the text of every SQL statement sent through it: statements,
 * batches and prepared statements (their SQL text, not their bound values).
 */
final class RecordingDataSource extends DelegatingDataSource {

	private static final Set<String> SQL_METHODS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "addBatch");

	private final List<String> sql = new CopyOnWriteArrayList<>();

	RecordingDataSource(DataSource target) {
		super(target);
	}

	List<String> sql() {
		return this.sql;
	}

	@Override
	public Connection getConnection() throws java.sql.SQLException {
		return wrap(super.getConnection());
	}

	private Connection wrap(Connection connection) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				handler(connection, (method, args) -> {
					if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String text) {
						this.sql.add(text);
					}
				}, true));
	}

	private InvocationHandler handler(Object target, Recorder recorder, boolean connection) {
		return (proxy, method, args) -> {
			recorder.record(method, args);
			Object result;
			try {
				result = method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (connection && result instanceof Statement statement) {
				Class<?> type = (result instanceof PreparedStatement) ? PreparedStatement.class : Statement.class;
				return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
						handler(statement, (each, values) -> {
							if (SQL_METHODS.contains(each.getName()) && values != null && values.length > 0
									&& values[0] instanceof String text) {
								this.sql.add(text);
							}
						}, false));
			}
			return result;
		};
	}

	@FunctionalInterface
	private interface Recorder {

		void record(Method method, Object[] args);

	}

}
