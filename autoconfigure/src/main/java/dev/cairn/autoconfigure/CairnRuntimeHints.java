package dev.cairn.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Resources a native image must hold for Cairn: the SQL files of the default location
 * ({@code classpath:db/migrations}, with its sub-folders) and the migration index the build
 * puts beside them ({@code db/migrations/.cairn-index}). Other classpath locations need hints of their own
 * (an application's {@code RuntimeHintsRegistrar}), as AOT processing cannot read properties.
 * Registered through {@code META-INF/spring/aot.factories}.
 */
public final class CairnRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources()
			.registerPattern("db/migrations/*.sql")
			.registerPattern("db/migrations/**/*.sql")
			.registerPattern("db/migrations/.cairn-index");
	}

}
