package dev.cairn.autoconfigure;

import dev.cairn.core.CairnConfiguration;

/**
 * Changes the engine's configuration after the {@code cairn.*} properties are applied and
 * before it is built. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface CairnConfigurationCustomizer {

	void customize(CairnConfiguration.Builder builder);

}
