package dev.cairn.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every property of {@link CairnProperties}, found by walking its bean properties, reaches the
 * engine's {@link CairnConfiguration} as the starter builds it, and is described in the
 * metadata the configuration processor generates; the few that deliberately stay in the
 * starter are listed below with the reason. A new property that does neither fails here.
 */
class CairnPropertiesReachTheEngineTests {

	/** Properties that configure the starter, not the engine, and why. */
	private static final Map<String, String> STARTER_ONLY = Map.ofEntries(
			Map.entry("cairn.enabled", "switches the auto-configuration itself on or off"),
			Map.entry("cairn.fail-on-error", "what the application does when a run fails, decided by the starter"),
			Map.entry("cairn.run-on", "when the starter runs migrations during start-up"),
			Map.entry("cairn.mode", "whether the starter migrates or only validates on start-up"),
			Map.entry("cairn.validate-interval", "how often the starter checks again in validate mode"),
			Map.entry("cairn.command", "command mode: which operation to run instead of starting the application"),
			Map.entry("cairn.target", "an argument of one command, passed to that operation, not configuration"),
			Map.entry("cairn.steps", "an argument of one command, passed to that operation, not configuration"),
			Map.entry("cairn.accept-changes", "an argument of one command, passed to that operation, not configuration"),
			Map.entry("cairn.version", "an argument of one command, passed to that operation, not configuration"),
			Map.entry("cairn.applied", "an argument of one command, passed to that operation, not configuration"),
			Map.entry("cairn.endpoint.write-operations.enabled", "an Actuator endpoint setting"),
			Map.entry("cairn.after", "orders the default track in the set of tracks; alone it names no existing"
					+ " track, so TrackAutoConfigurationTests checks it with others"),
			Map.entry("cairn.command-tracks", "an argument of command mode: the tracks a command runs on"),
			Map.entry("cairn.default-track-enabled", "whether the starter builds the default track at all"),
			Map.entry("cairn.tracks", "more tracks, each checked by TrackAutoConfigurationTests"),
			Map.entry("cairn.endpoint.write-operations.allow-anonymous", "an Actuator endpoint setting"),
			Map.entry("cairn.endpoint.fleet-status-max-age", "an Actuator endpoint setting: how long it reuses a"
					+ " fleet's status"));

	/** Values that the generic choice below would get wrong (a version, a JDBC URL). */
	private static final Map<String, String> VALUES = Map.of("cairn.baseline-version", "42", "cairn.url",
			"jdbc:postgresql://probe.example.com:5432/probe");

	/** Properties that are only valid with another one set; the companion is set on both sides of the comparison. */
	private static final Map<String, String> COMPANIONS = Map.of("cairn.baseline-on-migrate", "cairn.baseline-version=1",
			"cairn.password", "cairn.user=probe_user");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CairnAutoConfiguration.class))
		.withBean(DataSource.class, () -> {
			SimpleDriverDataSource application = new SimpleDriverDataSource();
			application.setUrl("jdbc:postgresql://app.example.com:5432/app");
			return application;
		});

	@Test
	void everyPropertyReachesTheEngineOrIsListedAsStarterOnly() {
		Map<String, Property> properties = properties();
		assertThat(properties).as("properties found").hasSizeGreaterThan(20);
		assertThat(properties.keySet()).as("starter-only properties that exist").containsAll(STARTER_ONLY.keySet());
		List<String> lost = new ArrayList<>();
		for (Property property : properties.values()) {
			if (STARTER_ONLY.containsKey(property.name())) {
				continue;
			}
			String value = nonDefaultValue(property);
			String companion = COMPANIONS.get(property.name());
			Map<String, Object> before = engine((companion != null) ? new String[] { companion } : new String[0]);
			// A map property is set by key: a lint rule's key is its id, a layout's a location (in brackets and
			// without the colon the test's property parser would split at), a placeholder's its name.
			String assignment = (property.type() != Map.class) ? property.name() + "=" + value
					: property.name().endsWith("layouts") ? property.name() + "[db/migrations]=" + value
							: property.name().endsWith("placeholders") ? property.name() + ".probe=" + value
									: property.name() + "." + value;
			Map<String, Object> after = engine((companion != null) ? new String[] { companion, assignment }
					: new String[] { assignment });
			Map<String, Object> changed = new TreeMap<>();
			after.forEach((setting, now) -> {
				if (!Objects.equals(now, before.get(setting))) {
					changed.put(setting, now);
				}
			});
			if (changed.values().stream().noneMatch((now) -> sameValue(now, value))) {
				lost.add(property.name() + "=" + value + " changed " + changed);
			}
		}
		assertThat(lost).as("properties that do not reach the engine configuration").isEmpty();
	}

	@Test
	void everyPropertyHasDescribedMetadata() throws Exception {
		Path file = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
		assertThat(file).as("metadata generated by the configuration processor").exists();
		Map<String, Object> metadata = JsonParserFactory.getJsonParser()
			.parseMap(Files.readString(file, StandardCharsets.UTF_8));
		Map<String, String> descriptions = new LinkedHashMap<>();
		for (Object each : (List<?>) metadata.get("properties")) {
			Map<?, ?> entry = (Map<?, ?>) each;
			descriptions.put((String) entry.get("name"), (String) entry.get("description"));
		}
		for (String name : properties().keySet()) {
			assertThat(descriptions).as("metadata of %s", name).containsKey(name);
			assertThat(descriptions.get(name)).as("description of %s", name).isNotBlank();
		}
	}

	/** The engine configuration the starter builds with these properties, setting by setting. */
	private Map<String, Object> engine(String... propertyValues) {
		Map<String, Object> settings = new TreeMap<>();
		this.contextRunner.withPropertyValues(propertyValues).run((context) -> {
			assertThat(context).as("context with %s", List.of(propertyValues)).hasNotFailed();
			CairnConfiguration configuration = context.getBean(Cairn.class).configuration();
			for (Method method : CairnConfiguration.class.getMethods()) {
				if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
						&& method.getDeclaringClass() == CairnConfiguration.class
						&& !Set.of("toBuilder", "dataSource", "listeners", "classLoader").contains(method.getName())) {
					Object value = method.invoke(configuration);
					if (value != null && value.getClass().isRecord()) {
						// A group of settings (lockWait, lint): each component on its own.
						for (var component : value.getClass().getRecordComponents()) {
							settings.put(method.getName() + "." + component.getName(),
									component.getAccessor().invoke(value));
						}
					}
					else {
						settings.put(method.getName(), value);
					}
				}
			}
			// The connection properties reach the engine as the data source it migrates with.
			if (configuration.dataSource() instanceof SimpleDriverDataSource dataSource) {
				settings.put("dataSource.url", dataSource.getUrl());
				settings.put("dataSource.username", dataSource.getUsername());
				settings.put("dataSource.password", dataSource.getPassword());
			}
			if (configuration.dataSource() instanceof PGSimpleDataSource dataSource) {
				// The URL as given, without the driver's defaults that getUrl() lists.
				settings.put("dataSource.url", "jdbc:postgresql://" + dataSource.getServerNames()[0] + ":"
						+ dataSource.getPortNumbers()[0] + "/" + dataSource.getDatabaseName());
				settings.put("dataSource.username", dataSource.getUser());
				settings.put("dataSource.password", dataSource.getPassword());
			}
		});
		return settings;
	}

	private static boolean sameValue(Object engineValue, String propertyValue) {
		if (engineValue instanceof Map<?, ?> map) {
			if (map.equals(Map.of("probe", propertyValue))) {
				return true; // a placeholder, probed as name.probe=value
			}
			if (propertyValue.contains("=")) {
				// A lint rule, probed as name.key=value; the engine keys it by enum.
				String[] keyAndValue = propertyValue.split("=");
				return map.entrySet().stream().anyMatch((entry) -> sameValue(entry.getValue(), keyAndValue[1])
						&& String.valueOf(entry.getKey()).replace('_', '-').equalsIgnoreCase(keyAndValue[0]));
			}
			return map.values().stream().anyMatch((each) -> sameValue(each, propertyValue)); // a location's layout
		}
		if (engineValue instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).toList().equals(List.of(propertyValue.split(",")));
		}
		if (engineValue instanceof Enum<?> constant) {
			return constant.name().replace('_', '-').equalsIgnoreCase(propertyValue);
		}
		if (engineValue instanceof Long bytes && propertyValue.endsWith("MB")) {
			return bytes == DataSize.parse(propertyValue).toBytes();
		}
		if (engineValue instanceof Duration duration) {
			return duration.equals(Duration.parse("PT" + propertyValue.toUpperCase(Locale.ROOT)));
		}
		return String.valueOf(engineValue).equals(propertyValue);
	}

	/** A value different from the property's default, written as in application.properties. */
	private static String nonDefaultValue(Property property) {
		if (VALUES.containsKey(property.name())) {
			return VALUES.get(property.name());
		}
		Class<?> type = property.type();
		Object current = property.defaultValue();
		if (type == boolean.class || type == Boolean.class) {
			return String.valueOf(!Boolean.TRUE.equals(current));
		}
		if (type == Duration.class) {
			return ((current != null) ? ((Duration) current).toSeconds() + 7 : 7) + "s";
		}
		if (type == int.class) {
			return String.valueOf((Integer) current + 2);
		}
		if (type == DataSize.class) {
			return (((DataSize) current).toMegabytes() + 7) + "MB";
		}
		if (type == Map.class) {
			return property.name().endsWith("layouts") ? "goose"
					: property.name().endsWith("placeholders") ? "probe_value" : "drop=fail";
		}
		if (type.isEnum()) {
			for (Object constant : type.getEnumConstants()) {
				if (constant != current) {
					return ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-');
				}
			}
		}
		if (type == List.class) {
			return "filesystem:/probe/one,classpath:probe/two";
		}
		if (type == Map.class) {
			return "probe_value";
		}
		if (type == String.class) {
			return "probe_" + property.name().replaceAll("[^a-z]", "_").substring("cairn_".length());
		}
		throw new IllegalStateException("no non-default value for " + property.name() + " of type " + type
				+ ": add one to this test");
	}

	/** Every settable property of CairnProperties, nested groups walked, by its name in application.properties. */
	private static Map<String, Property> properties() {
		Map<String, Property> properties = new TreeMap<>();
		walk("cairn", new CairnProperties(), properties);
		return properties;
	}

	private static void walk(String prefix, Object bean, Map<String, Property> properties) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(bean);
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(bean.getClass())) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + "." + descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
			Class<?> type = descriptor.getPropertyType();
			Object value = wrapper.getPropertyValue(descriptor.getName());
			if (descriptor.getWriteMethod() != null) {
				properties.put(name, new Property(name, type, value));
			}
			else if (type.getPackageName().startsWith("dev.cairn.autoconfigure") && !type.isEnum() && value != null) {
				walk(name, value, properties);
			}
		}
	}

	private record Property(String name, Class<?> type, Object defaultValue) {
	}

}
