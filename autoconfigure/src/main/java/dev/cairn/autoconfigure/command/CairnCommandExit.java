package dev.cairn.autoconfigure.command;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Ends the application once {@code cairn.command} has run. The default closes the context with
 * {@link SpringApplication#exit} (which asks every {@code ExitCodeGenerator}, the command
 * runner included) and calls {@link System#exit} with the result. Define a bean of this type to
 * do otherwise, for example to run a command inside a test.
 */
@FunctionalInterface
public interface CairnCommandExit {

	/**
	 * Ends the application.
	 * @param context the application's context, still open
	 * @param exitCode the command's exit code
	 */
	void exit(ConfigurableApplicationContext context, int exitCode);

	/**
	 * Closes the context and exits the JVM with the exit code the context's
	 * {@code ExitCodeGenerator}s report.
	 * @return the default
	 */
	static CairnCommandExit systemExit() {
		return (context, exitCode) -> System.exit(SpringApplication.exit(context));
	}

}
