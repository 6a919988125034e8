package dev.cairn.core.internal.apply;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The connection a Java migration is given: the migration session's, with the calls that would
 * break Cairn's bookkeeping refused. In a transaction those are {@code commit}, {@code rollback}
 * (to a savepoint is fine), {@code setAutoCommit} and {@code close}; without one only
 * {@code close} and {@code abort}. A refused call throws and is remembered, so a migration that
 * catches the exception still fails. Statements it creates hand back this connection, not the
 * real one, and are closed when the migration returns.
 *
 * <p>This catches mistakes, not malice: {@code unwrap} still reaches the driver (COPY needs it),
 * and a {@code COMMIT} sent as SQL is not a call. What the session really did is read back
 * from the driver afterwards ({@link JavaApplier}), so those are caught too.
 */
final class GuardedConnection implements InvocationHandler {

	private final Connection connection;

	private final boolean inTransaction;

	private final String name;

	private final Connection proxy;

	private final List<Statement> statements = new ArrayList<>();

	private @Nullable String misuse;

	private boolean open = true;

	GuardedConnection(Connection connection, boolean inTransaction, String name) {
		this.connection = connection;
		this.inTransaction = inTransaction;
		this.name = name;
		this.proxy = (Connection) Proxy.newProxyInstance(GuardedConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, this);
	}

	Connection connection() {
		return this.proxy;
	}

	/** The real connection, for Cairn's own checks. */
	Connection connectionUnderneath() {
		return this.connection;
	}

	/** The first refused call, described for the failure message; {@code null} if none. */
	@Nullable String misuse() {
		return this.misuse;
	}

	/** Closes what the migration left open and refuses any later use of the proxy. */
	void finish() {
		this.open = false;
		for (Statement statement : this.statements) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// the session's state is checked next; a statement that cannot close changes nothing
			}
		}
		this.statements.clear();
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String called = method.getName();
		switch (called) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "Cairn's connection for " + this.name;
			default:
		}
		if (!this.open) {
			throw new SQLException(this.name + " used its connection after it returned: the connection is only"
					+ " valid while migrate() or undo() runs", "08003");
		}
		String refused = refusal(called, args);
		if (refused != null) {
			if (this.misuse == null) {
				this.misuse = refused;
			}
			throw new SQLException(this.name + " " + refused, "25000");
		}
		Object result;
		try {
			result = method.invoke(this.connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		if (result instanceof Statement statement) {
			this.statements.add(statement);
			return statementProxy(statement, method.getReturnType());
		}
		return result;
	}

	private @Nullable String refusal(String method, @Nullable Object[] args) {
		switch (method) {
			case "close", "abort":
				return "called Connection." + method + "(): the connection belongs to Cairn, which closes it after the run";
			case "commit", "rollback":
				if (this.inTransaction && (args == null || args.length == 0)) {
					return "called Connection." + method + "(): it runs inside the transaction that also records it in"
							+ " history, so Cairn commits or rolls back; use a savepoint to undo part of its work, or"
							+ " make it non-transactional (transactional() returns false) to commit as it goes";
				}
				return null;
			case "setAutoCommit":
				if (this.inTransaction) {
					return "called Connection.setAutoCommit(" + args[0] + "): it runs inside the transaction that also"
							+ " records it in history; leave auto-commit alone, or make it non-transactional"
							+ " (transactional() returns false) to commit as it goes";
				}
				return null;
			default:
				return null;
		}
	}

	/** A statement that names the guarded connection as its own, so it cannot be used to reach the real one. */
	private Object statementProxy(Statement statement, Class<?> type) {
		Class<?> face = Statement.class.isAssignableFrom(type) ? type : Statement.class;
		return Proxy.newProxyInstance(GuardedConnection.class.getClassLoader(), new Class<?>[] { face },
				(proxy, method, args) -> {
					if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
						return this.proxy;
					}
					try {
						return method.invoke(statement, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
