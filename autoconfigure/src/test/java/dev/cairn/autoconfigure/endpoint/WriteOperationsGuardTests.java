package dev.cairn.autoconfigure.endpoint;

import java.security.Principal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import dev.cairn.core.command.OperationRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request to run a write operation without an authenticated caller is refused before anything
 * runs, unless anonymous access is explicitly allowed.
 */
class WriteOperationsGuardTests {

	private static final SecurityContext OPERATOR = new SecurityContext() {

		@Override
		public Principal getPrincipal() {
			return () -> "operator";
		}

		@Override
		public boolean isUserInRole(String role) {
			return true;
		}

	};

	@Test
	void anAnonymousRequestIsRefusedWith401SayingHowToSecureOrOptIn() {
		MigrationsEndpointWebExtension extension = new MigrationsEndpointWebExtension(new OperationRunner(List.of()));
		WebEndpointResponse<MigrationsEndpointWebExtension.OperationDescriptor> response = extension.run(SecurityContext.NONE, "rollback", null, null, 1,
				null, null, null);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getBody().message()).contains("need an authenticated caller")
			.contains("cairn.endpoint.write-operations.allow-anonymous=true");
		assertThat(response.getBody().tracks()).isEmpty();
	}

	@Test
	void anAuthenticatedRequestPassesTheGuard() {
		MigrationsEndpointWebExtension extension = new MigrationsEndpointWebExtension(new OperationRunner(List.of()));
		// An unknown operation answers 400 from the checks after the guard.
		assertThat(extension.run(OPERATOR, "upgrade", null, null, null, null, null, null).getStatus()).isEqualTo(400);
	}

	@Test
	void anAnonymousRequestPassesTheGuardWhenAnonymousAccessIsAllowed() {
		MigrationsEndpointWebExtension extension = new MigrationsEndpointWebExtension(new OperationRunner(List.of()),
				true);
		assertThat(extension.run(SecurityContext.NONE, "upgrade", null, null, null, null, null, null).getStatus())
			.isEqualTo(400);
	}

}
