package dev.cairn.autoconfigure;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.autoconfigure.CairnProperties.Mode;
import dev.cairn.core.command.OperationRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties of command mode, replica mode and the endpoint's write operations: defaults,
 * binding, and messages that name the property.
 */
class CommandPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
		.withBean(DataSource.class, SimpleDriverDataSource::new);

	@Test
	void defaultsMigrateOnStartupWithoutWriteOperations() {
		CairnProperties properties = new CairnProperties();
		assertThat(properties.getMode()).isEqualTo(Mode.MIGRATE);
		assertThat(properties.getValidateInterval()).isEqualTo(Duration.ofSeconds(10))
			.isEqualTo(CairnProperties.DEFAULT_VALIDATE_INTERVAL);
		assertThat(properties.getCommand()).isNull();
		assertThat(properties.commandRequest()).isNull();
		assertThat(properties.getEndpoint().getWriteOperations().isEnabled()).isFalse();
	}

	@Test
	void bindsReplicaModeAndItsInterval() {
		this.contextRunner.withPropertyValues("cairn.mode=validate", "cairn.validate-interval=3").run((context) -> {
			CairnProperties properties = context.getBean(CairnProperties.class);
			assertThat(properties.getMode()).isEqualTo(Mode.VALIDATE);
			assertThat(properties.getValidateInterval()).isEqualTo(Duration.ofSeconds(3));
		});
	}

	@Test
	void bindsWriteOperations() {
		this.contextRunner.withPropertyValues("cairn.endpoint.write-operations.enabled=true")
			.run((context) -> assertThat(
					context.getBean(CairnProperties.class).getEndpoint().getWriteOperations().isEnabled())
				.isTrue());
	}

	@Test
	void zeroValidateIntervalIsRejected() {
		this.contextRunner.withPropertyValues("cairn.validate-interval=0")
			.run((context) -> assertFailure(context, "cairn.validate-interval PT0S is not positive"));
	}

	@Test
	void rollbackNeedsStepsOrTarget() {
		this.contextRunner.withPropertyValues("cairn.command=rollback")
			.run((context) -> assertFailure(context,
					"cairn.command=rollback needs cairn.steps (how many of the most recently applied migrations to"
							+ " undo) or cairn.target"));
	}

	@Test
	void rollbackTakesStepsOrTargetNotBoth() {
		this.contextRunner.withPropertyValues("cairn.command=rollback", "cairn.steps=1", "cairn.target=3")
			.run((context) -> assertFailure(context, "takes cairn.steps or cairn.target, not both"));
	}

	@Test
	void rollbackStepsMustBePositive() {
		this.contextRunner.withPropertyValues("cairn.command=rollback", "cairn.steps=0")
			.run((context) -> assertFailure(context, "cairn.steps is 0: roll back at least 1 migration"));
	}

	@Test
	void targetMustBeAVersion() {
		this.contextRunner.withPropertyValues("cairn.command=migrate", "cairn.target=latest")
			.run((context) -> assertFailure(context, "cairn.target: version 'latest' is not a dotted sequence"));
	}

	@Test
	void forceNeedsAVersion() {
		this.contextRunner.withPropertyValues("cairn.command=force", "cairn.applied=false")
			.run((context) -> assertFailure(context, "cairn.command=force needs cairn.version"));
	}

	@Test
	void forceBindsVersionAndApplied() {
		this.contextRunner.withPropertyValues("cairn.command=force", "cairn.version=000042", "cairn.applied=false")
			.run((context) -> {
				OperationRequest request = context.getBean(CairnProperties.class).commandRequest();
				assertThat(request.versionValue()).hasToString("42");
				assertThat(request.isApplied()).isFalse();
			});
	}

	@Test
	void baselineNeedsAVersion() {
		this.contextRunner.withPropertyValues("cairn.command=baseline")
			.run((context) -> assertFailure(context,
					"cairn.command=baseline needs cairn.version (or cairn.baseline-version)"));
	}

	@Test
	void baselineTakesTheBaselineVersion() {
		this.contextRunner.withPropertyValues("cairn.command=baseline", "cairn.baseline-version=7")
			.run((context) -> assertThat(context.getBean(CairnProperties.class).commandRequest().versionValue())
				.hasToString("7"));
	}

	@Test
	void baselineRefusesTwoDifferentVersions() {
		this.contextRunner
			.withPropertyValues("cairn.command=baseline", "cairn.baseline-version=7", "cairn.version=8")
			.run((context) -> assertFailure(context,
					"cairn.version (8) and cairn.baseline-version (7) differ: cairn.command=baseline needs one version"));
	}

	@Test
	void argumentOfAnotherCommandIsRejected() {
		this.contextRunner.withPropertyValues("cairn.command=repair", "cairn.steps=1")
			.run((context) -> assertFailure(context, "cairn.steps is not used by cairn.command=repair: it is an"
					+ " argument of cairn.command=migrate or cairn.command=rollback; remove it"));
	}

	@Test
	void argumentWithoutCommandIsRejected() {
		this.contextRunner.withPropertyValues("cairn.accept-changes=true")
			.run((context) -> assertFailure(context, "cairn.accept-changes is set but cairn.command is not: it is an"
					+ " argument of cairn.command=repair"));
	}

	@Test
	void repairAcceptsChangesOnlyWhenAsked() {
		this.contextRunner.withPropertyValues("cairn.command=repair")
			.run((context) -> assertThat(context.getBean(CairnProperties.class).commandRequest().isAcceptChanges())
				.isFalse());
		this.contextRunner.withPropertyValues("cairn.command=repair", "cairn.accept-changes=true")
			.run((context) -> assertThat(context.getBean(CairnProperties.class).commandRequest().isAcceptChanges())
				.isTrue());
	}

	private static void assertFailure(AssertableApplicationContext context, String message) {
		assertThat(context).hasFailed();
		assertThat(context.getStartupFailure()).hasStackTraceContaining(message);
	}

}
