package dev.cairn.autoconfigure.command;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnMigrationInitializer;
import dev.cairn.autoconfigure.CairnMigrationRunner;
import dev.cairn.autoconfigure.CairnProperties;
import dev.cairn.core.Cairn;
import dev.cairn.core.Operation;
import dev.cairn.core.command.OperationRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CairnCommandAutoConfiguration}.
 */
class CairnCommandAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class, CairnCommandAutoConfiguration.class))
		.withBean(DataSource.class, SimpleDriverDataSource::new);

	@Test
	void backsOffWithoutCommand() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(CairnCommandRunner.class)
			.doesNotHaveBean(CairnCommandExit.class)
			.hasSingleBean(CairnMigrationRunner.class));
	}

	@Test
	void backsOffWithAnEmptyCommand() {
		this.contextRunner.withPropertyValues("cairn.command=")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CairnCommandRunner.class)
				.hasSingleBean(CairnMigrationRunner.class));
	}

	@Test
	void commandReplacesTheStartupRunner() {
		this.contextRunner.withPropertyValues("cairn.command=status")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CairnCommandRunner.class)
				.hasSingleBean(CairnCommandExit.class)
				.hasSingleBean(Cairn.class)
				.doesNotHaveBean(CairnMigrationRunner.class));
	}

	@Test
	void commandReplacesTheStartupInitializer() {
		this.contextRunner.withPropertyValues("cairn.command=migrate", "cairn.run-on=initialization")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CairnCommandRunner.class)
				.doesNotHaveBean(CairnMigrationInitializer.class)
				.doesNotHaveBean(CairnMigrationRunner.class));
	}

	@Test
	void commandAndItsArgumentsAreBound() {
		this.contextRunner.withPropertyValues("cairn.command=rollback", "cairn.steps=2").run((context) -> {
			OperationRequest request = context.getBean(CairnProperties.class).commandRequest();
			assertThat(request).isEqualTo(new OperationRequest(Operation.ROLLBACK, null, 2, null, null, null));
		});
	}

	@Test
	void commandNamesBindWithDashes() {
		this.contextRunner.withPropertyValues("cairn.command=dry-run")
			.run((context) -> assertThat(context.getBean(CairnProperties.class).getCommand())
				.isEqualTo(Operation.DRY_RUN));
	}

	@Test
	void runnerExistsWithoutCairnSoThatTheCommandFailsLoudly() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class, CairnCommandAutoConfiguration.class))
			.withPropertyValues("cairn.command=migrate")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Cairn.class)
				.hasSingleBean(CairnCommandRunner.class));
	}

	@Test
	void runnerExistsWhenCairnIsDisabled() {
		this.contextRunner.withPropertyValues("cairn.command=migrate", "cairn.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Cairn.class)
				.hasSingleBean(CairnCommandRunner.class));
	}

	@Test
	void usesTheApplicationsExit() {
		CairnCommandExit exit = (context, exitCode) -> {
		};
		this.contextRunner.withPropertyValues("cairn.command=status")
			.withBean(CairnCommandExit.class, () -> exit)
			.run((context) -> assertThat(context.getBean(CairnCommandExit.class)).isSameAs(exit));
	}

	@Test
	void unknownCommandFailsTheStartNamingTheProperty() {
		this.contextRunner.withPropertyValues("cairn.command=upgrade")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("cairn.command"));
	}

}
