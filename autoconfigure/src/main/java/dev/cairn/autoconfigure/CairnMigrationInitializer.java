package dev.cairn.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.Ordered;

import dev.cairn.autoconfigure.CairnProperties.Mode;
import dev.cairn.core.Cairn;
import dev.cairn.core.TrackSet;

/**
 * Migrates during context refresh ({@code cairn.run-on=initialization}). Spring Boot's
 * database-initialization support makes beans that use the database ({@code JdbcTemplate},
 * {@code JdbcClient}, JPA, ...) depend on this bean, so they are created after the schema is
 * migrated. In {@code cairn.mode=validate} it applies nothing and waits instead until another
 * instance has applied every pending migration, so those beans still see a current schema.
 */
public class CairnMigrationInitializer implements InitializingBean, Ordered {

	private final Migrations migrations;

	private int order;

	public CairnMigrationInitializer(List<Cairn> cairns, boolean failOnError) {
		this(new Migrations(cairns, Mode.MIGRATE, failOnError, CairnProperties.DEFAULT_VALIDATE_INTERVAL, null));
	}

	public CairnMigrationInitializer(TrackSet tracks, boolean failOnError) {
		this(new Migrations(tracks, Mode.MIGRATE, failOnError, CairnProperties.DEFAULT_VALIDATE_INTERVAL, null));
	}

	CairnMigrationInitializer(Migrations migrations) {
		this.migrations = migrations;
	}

	@Override
	public void afterPropertiesSet() {
		this.migrations.run();
	}

	public void setOrder(int order) {
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
