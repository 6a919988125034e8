package dev.cairn.sample.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a failed embedded PostgreSQL start as Spring Boot's "APPLICATION FAILED TO START"
 * report (description and action) instead of a stack trace. Registered in
 * {@code META-INF/spring.factories}.
 */
class EmbeddedPostgresFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPostgresException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedPostgresException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
