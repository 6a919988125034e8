package dev.cairn.core;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * Where a tenant fleet's tenants come from: each tenant is a schema name, as PostgreSQL
 * spells it (case matters: {@code Acme} and {@code acme} are two schemas). Asked once at the
 * start of every fleet run, so tenants added since the last run are included.
 */
@FunctionalInterface
public interface TenantSource {

	/**
	 * The tenants' schema names.
	 * @param dataSource the engine's DataSource, for a source that reads them from the database
	 * @return the names; duplicates are ignored
	 * @throws Exception when they cannot be read; the fleet run fails before any tenant runs
	 */
	List<String> tenants(DataSource dataSource) throws Exception;

	/** A fixed list of schemas. */
	static TenantSource of(String... schemas) {
		return of(List.of(schemas));
	}

	/** A fixed list of schemas. */
	static TenantSource of(Collection<String> schemas) {
		List<String> copy = List.copyOf(schemas);
		return (dataSource) -> copy;
	}

	/** Schemas an application knows about, such as a registry bean's tenants; asked on every run. */
	static TenantSource supplier(Supplier<? extends Collection<String>> supplier) {
		return (dataSource) -> List.copyOf(supplier.get());
	}

	/**
	 * The first column of a query's rows, such as
	 * {@code SELECT schema_name FROM tenants WHERE active}; {@code NULL}s are refused.
	 * @param sql the query, run on the engine's DataSource
	 */
	static TenantSource query(String sql) {
		if (sql == null || sql.isBlank()) {
			throw new CairnConfigurationException("The tenant query is empty: give a query whose first column is the"
					+ " tenants' schema names, such as SELECT schema_name FROM tenants");
		}
		return (dataSource) -> {
			List<String> names = new ArrayList<>();
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(sql)) {
				while (rows.next()) {
					String name = rows.getString(1);
					if (name == null) {
						throw new CairnConfigurationException("The tenant query returned a NULL schema name (row "
								+ rows.getRow() + "): filter NULLs out in the query (" + sql + ")");
					}
					names.add(name);
				}
			}
			catch (SQLException ex) {
				throw new CairnException("The tenant query failed: " + Secrets.mask(ex.getMessage()) + " (query: " + sql
						+ "); fix the query or the table it reads", ex);
			}
			return names;
		};
	}

}
