package dev.cairn.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

import dev.cairn.core.Cairn;

/**
 * Migrates during context refresh ({@code cairn.run-on=initialization}). Spring Boot's
 * database-initialization support makes beans that use the database ({@code JdbcTemplate},
 * {@code JdbcClient}, JPA, ...) depend on this bean, so they are created after the schema is
 * migrated.
 */
public class CairnMigrationInitializer implements InitializingBean, Ordered {

	private final List<Cairn> cairns;

	private final boolean failOnError;

	private int order;

	public CairnMigrationInitializer(List<Cairn> cairns, boolean failOnError) {
		this.cairns = List.copyOf(cairns);
		this.failOnError = failOnError;
	}

	@Override
	public void afterPropertiesSet() {
		Migrations.migrate(this.cairns, this.failOnError);
	}

	public void setOrder(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
