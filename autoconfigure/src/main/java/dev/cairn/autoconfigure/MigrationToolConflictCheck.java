package dev.cairn.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Stops the start-up when Spring Boot's Flyway or Liquibase integration is also active: both
 * tools would migrate the same database, each with its own history. Runs on bean definitions,
 * before any bean exists, so neither tool has touched the database yet.
 */
class MigrationToolConflictCheck implements BeanFactoryPostProcessor, BeanClassLoaderAware {

	private static final List<Tool> TOOLS = List.of(
			new Tool("Flyway", "org.flywaydb.core.Flyway", "spring.flyway.enabled=false"),
			new Tool("Liquibase", "liquibase.integration.spring.SpringLiquibase", "spring.liquibase.enabled=false"));

	private ClassLoader classLoader = MigrationToolConflictCheck.class.getClassLoader();

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<String> found = new ArrayList<>();
		List<Tool> tools = new ArrayList<>();
		for (Tool tool : TOOLS) {
			if (ClassUtils.isPresent(tool.type(), this.classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(tool.type(), this.classLoader);
				String[] names = beanFactory.getBeanNamesForType(type, true, false);
				if (names.length > 0) {
					found.add(tool.name() + " (bean " + String.join(", ", Arrays.asList(names)) + ")");
					tools.add(tool);
				}
			}
		}
		if (!found.isEmpty()) {
			throw new MigrationToolConflictException(found,
					tools.stream().map(Tool::disableProperty).toList());
		}
	}

	private record Tool(String name, String type, String disableProperty) {

	}

}
