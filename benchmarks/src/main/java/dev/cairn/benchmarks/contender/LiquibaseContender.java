package dev.cairn.benchmarks.contender;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

import dev.cairn.benchmarks.corpus.Corpus;

/**
 * Liquibase's {@code update} command through its Java API, on the generated XML changelog that
 * runs each Flyway-layout file as one change set (see {@code CorpusWriter}). The update summary
 * goes to the log, as with Spring Boot's Liquibase integration. Anonymous usage analytics are
 * switched off ({@code liquibase.analytics.enabled=false}): the benchmark machine has no
 * internet, and a user would not want a network call in a start-up benchmark either.
 */
final class LiquibaseContender implements Contender {

	static {
		if (System.getProperty("liquibase.analytics.enabled") == null) {
			System.setProperty("liquibase.analytics.enabled", "false");
		}
	}

	@Override
	public String name() {
		return "Liquibase";
	}

	@Override
	public String historyCountQuery() {
		return "SELECT count(*) FROM public.databasechangelog";
	}

	@Override
	public void migrate(String jdbcUrl, Corpus corpus) throws Exception {
		try (Connection connection = DriverManager.getConnection(jdbcUrl);
				DirectoryResourceAccessor resources = new DirectoryResourceAccessor(corpus.dir())) {
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources), () -> new CommandScope(
					UpdateCommandStep.COMMAND_NAME)
				.addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
				.addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, Corpus.CHANGELOG)
				.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.SUMMARY)
				.addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
				.execute());
		}
	}

}
