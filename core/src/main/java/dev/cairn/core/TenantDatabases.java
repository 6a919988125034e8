package dev.cairn.core;

import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where each tenant's database is, for a fleet of one database per tenant: the
 * {@link TenantSource} names the tenants, this gives each one's {@code DataSource}. The tenant's
 * history table and lock are in its own database, in the track's schema.
 *
 * <p>Asked once per tenant per run, on the worker that migrates it; the run opens at most two
 * connections from it at a time and never closes the DataSource. Return a plain (non-pooled)
 * DataSource, or a pool you keep and close yourself: one new pool per call would be leaked.
 */
@FunctionalInterface
public interface TenantDatabases {

	/** The placeholder a URL template puts each tenant's name in. */
	String TENANT = "{tenant}";

	/**
	 * The DataSource of one tenant's database.
	 * @param tenant the tenant's name, as the tenant source gave it
	 * @throws Exception when there is none; that tenant fails, the others go on
	 */
	DataSource dataSource(String tenant) throws Exception;

	/**
	 * Databases one URL reaches with each tenant's name in place of {@code {tenant}}, such as
	 * {@code jdbc:postgresql://db:5432/{tenant}}: pgjdbc's non-pooled DataSource, with the
	 * user and password given (null: the URL's own, or the driver's defaults).
	 * @throws CairnConfigurationException if the template does not hold {@code {tenant}} or is
	 * not a PostgreSQL JDBC URL
	 */
	static TenantDatabases urlTemplate(String template, @Nullable String user, @Nullable String password) {
		return urlTemplate(template, (url) -> {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(url);
			if (user != null) {
				dataSource.setUser(user);
			}
			if (password != null) {
				dataSource.setPassword(password);
			}
			return dataSource;
		});
	}

	/**
	 * Databases one URL reaches with each tenant's name in place of {@code {tenant}}, each
	 * URL made into a DataSource by {@code connect} (such as one with the application's
	 * credentials).
	 * @throws CairnConfigurationException if the template does not hold {@code {tenant}} or is
	 * not a PostgreSQL JDBC URL
	 */
	static TenantDatabases urlTemplate(String template, Function<String, DataSource> connect) {
		String mistake = templateMistake(template);
		if (mistake != null) {
			throw new CairnConfigurationException("The tenant URL template '" + Secrets.mask(template) + "' " + mistake);
		}
		// Tenant names are checked before they get here (letters, digits, '_', '.', '-'), so one
		// cannot add a host, a parameter or a path to the URL.
		return (tenant) -> connect.apply(template.replace(TENANT, tenant));
	}

	/**
	 * What is wrong with a URL template, as the end of a sentence that names it (never quoting
	 * it, as it may carry a password), or {@code null} when it can be used.
	 */
	static @Nullable String templateMistake(@Nullable String template) {
		if (template == null || !template.contains(TENANT)) {
			return "does not hold " + TENANT + ": write where each tenant's name goes, such as"
					+ " jdbc:postgresql://db:5432/" + TENANT;
		}
		if (!template.startsWith("jdbc:postgresql:")) {
			return "is not a PostgreSQL JDBC URL: start it with jdbc:postgresql://";
		}
		return null;
	}

}
