package dev.cairn.autoconfigure.endpoint;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

import dev.cairn.core.CairnConfigurationException;

/**
 * Who may run the endpoint's write operations. They change a production schema, so exposing
 * them needs authentication in place: Spring Security on the classpath at start-up, and an
 * authenticated caller on every request. Only
 * {@code cairn.endpoint.write-operations.allow-anonymous=true} lifts both, for an endpoint no
 * one else can reach. Whenever they are exposed, start-up says so at WARN.
 */
final class WriteOperationsGuard {

	static final String ALLOW_ANONYMOUS = "cairn.endpoint.write-operations.allow-anonymous";

	/** A class every servlet or reactive Spring Security setup has. */
	private static final String SPRING_SECURITY = "org.springframework.security.core.Authentication";

	private static final Log logger = LogFactory.getLog(WriteOperationsGuard.class);

	private WriteOperationsGuard() {
	}

	/**
	 * Refuses to expose write operations without Spring Security unless anonymous callers are
	 * allowed; warns that they are exposed.
	 * @param allowAnonymous {@value #ALLOW_ANONYMOUS}
	 * @param classLoader the application's class loader
	 * @throws CairnConfigurationException when nothing can authenticate callers
	 */
	static void check(boolean allowAnonymous, @Nullable ClassLoader classLoader) {
		if (allowAnonymous) {
			logger.warn("/actuator/migrations accepts write operations (POST: migrate, rollback, repair, force,"
					+ " baseline, dry-run, validate) from ANY caller, authenticated or not, because " + ALLOW_ANONYMOUS
					+ "=true. Anyone who reaches the endpoint can change the schema: keep it on a port no one else"
					+ " can reach.");
			return;
		}
		if (!ClassUtils.isPresent(SPRING_SECURITY, classLoader)) {
			throw new CairnConfigurationException("cairn.endpoint.write-operations.enabled=true exposes write"
					+ " operations (rollback, repair, force, migrate over HTTP) on /actuator/migrations, but nothing"
					+ " authenticates callers: Spring Security is not on the classpath. Add"
					+ " spring-boot-starter-security and secure the actuator path, set " + ALLOW_ANONYMOUS
					+ "=true if the endpoint is only reachable on a private management port, or remove"
					+ " cairn.endpoint.write-operations.enabled.");
		}
		logger.warn("/actuator/migrations accepts write operations (POST: migrate, rollback, repair, force, baseline,"
				+ " dry-run, validate) from authenticated callers; requests without an authenticated user are refused"
				+ " (401). Make sure only operators can authenticate for the actuator path.");
	}

	/**
	 * Why a request is refused, if it is.
	 * @param allowAnonymous {@value #ALLOW_ANONYMOUS}
	 * @param authenticated whether the request carries an authenticated user
	 * @return the refusal, or {@code null} when the request may run
	 */
	static @Nullable String refusal(boolean allowAnonymous, boolean authenticated) {
		if (allowAnonymous || authenticated) {
			return null;
		}
		return "Write operations need an authenticated caller: this request carries none. Secure /actuator/migrations"
				+ " with Spring Security (the endpoint is reachable without logging in now), or set " + ALLOW_ANONYMOUS
				+ "=true if anonymous access is intended.";
	}

}
