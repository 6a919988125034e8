package dev.cairn.autoconfigure.command;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.cairn.autoconfigure.CairnAutoConfiguration;
import dev.cairn.autoconfigure.CairnProperties;
import dev.cairn.autoconfigure.TenantFleets;
import dev.cairn.core.TrackSet;
import dev.cairn.core.command.OperationRunner;

/**
 * Auto-configuration of command mode: when {@code cairn.command} is set, the application runs
 * that one operation and exits with its exit code instead of migrating on start-up. Active
 * even when Cairn itself is not set up (no DataSource, {@code cairn.enabled=false}), so that
 * the command fails with a usage error rather than exiting 0 without doing anything.
 */
@AutoConfiguration(after = CairnAutoConfiguration.class)
@Conditional(CairnCommandAutoConfiguration.CommandCondition.class)
@EnableConfigurationProperties(CairnProperties.class)
public final class CairnCommandAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CairnCommandExit cairnCommandExit() {
		return CairnCommandExit.systemExit();
	}

	@Bean
	@ConditionalOnMissingBean
	CairnCommandRunner cairnCommandRunner(CairnProperties properties, ObjectProvider<TrackSet> tracks,
			ObjectProvider<TenantFleets> fleets, CairnCommandExit exit) {
		TrackSet set = tracks.getIfAvailable();
		OperationRunner operations = (set == null || set.tracks().isEmpty()) ? null : new OperationRunner(set);
		CairnCommandRunner runner = new CairnCommandRunner(properties.commandRequest(), operations, exit, System.out,
				System.err, properties.getCommandTracks());
		fleets.ifAvailable(runner::fleets);
		return runner;
	}

	/**
	 * Matches when {@code cairn.command} has a value.
	 */
	static final class CommandCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String command = context.getEnvironment().getProperty("cairn.command");
			return StringUtils.hasText(command) ? ConditionOutcome.match("cairn.command=" + command)
					: ConditionOutcome.noMatch("cairn.command is not set");
		}

	}

}
