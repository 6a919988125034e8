package dev.cairn.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanNotOfRequiredTypeException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.PropertyMapper;

import dev.cairn.autoconfigure.CairnProperties.Track;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.CairnConfigurationException;
import dev.cairn.core.FleetShard;
import dev.cairn.core.JavaMigration;
import dev.cairn.core.JavaMigrationScope;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantSource;
import dev.cairn.core.TrackSet;
import dev.cairn.core.Version;

/**
 * Turns {@code cairn.*}, {@code cairn.tracks.<name>.*} and {@link CairnTrack} beans into the
 * engine's configurations, and those into one {@link TrackSet}. The order given to the set:
 * the default track, then {@code cairn.tracks} by name, then contributed tracks in bean order;
 * {@code after} decides where it says something (a map's declaration order does not survive
 * every property source, so it is never used).
 */
final class TrackConfigurations {

	private final CairnProperties properties;

	private final DataSource dataSource;

	private final ClassLoader classLoader;

	private final List<MigrationListener> listeners;

	private final Function<TrackProperties, DataSource> ownDataSource;

	private final List<JavaMigration> javaMigrations;

	private final JavaMigrationScope javaMigrationScope;

	private final BiFunction<TrackProperties, String, DataSource> tenantDataSource;

	private final ListableBeanFactory beans;

	/**
	 * @param properties the properties
	 * @param dataSource the engine's data source, shared by every track without a connection of
	 * its own
	 * @param classLoader reads classpath locations
	 * @param listeners every track's listeners
	 * @param ownDataSource builds a track's own data source from its url, user and password
	 * @param javaMigrations every Java migration bean, each given to the track its {@code track()}
	 * names (the default track when it returns {@code null})
	 * @param javaMigrationScope what runs around them on the engine's data source
	 * @param tenantDataSource builds a tenant's database's data source from its track's user
	 * and password and the URL its template gives
	 * @param beans where a fleet finds the tenant source and tenant databases its properties name
	 */
	TrackConfigurations(CairnProperties properties, DataSource dataSource, ClassLoader classLoader,
			List<MigrationListener> listeners, Function<TrackProperties, DataSource> ownDataSource,
			List<JavaMigration> javaMigrations, JavaMigrationScope javaMigrationScope,
			BiFunction<TrackProperties, String, DataSource> tenantDataSource, ListableBeanFactory beans) {
		this.properties = properties;
		this.dataSource = dataSource;
		this.classLoader = classLoader;
		this.listeners = List.copyOf(listeners);
		this.ownDataSource = ownDataSource;
		this.javaMigrations = List.copyOf(javaMigrations);
		this.javaMigrationScope = javaMigrationScope;
		this.tenantDataSource = tenantDataSource;
		this.beans = beans;
	}

	/** A builder with the settings every track shares. */
	CairnConfiguration.Builder engine() {
		return engine(this.listeners);
	}

	private CairnConfiguration.Builder engine(List<MigrationListener> listeners) {
		CairnConfiguration.Builder builder = CairnConfiguration.builder()
			.dataSource(this.dataSource)
			.classLoader(this.classLoader)
			.listeners(listeners)
			.javaMigrationScope(this.javaMigrationScope);
		PropertyMapper map = PropertyMapper.get();
		map.from(this.properties.getConnectTimeout()).to((timeout) -> builder.connectTimeout(timeout));
		map.from(this.properties.getProgressInterval()).to((interval) -> builder.progressInterval(interval));
		map.from(this.properties.getInstalledBy()).to((installedBy) -> builder.installedBy(installedBy));
		return builder;
	}

	/**
	 * The default track, from the top-level {@code cairn.*} settings.
	 * @param customizers applied last, in order
	 */
	CairnConfiguration.Builder defaultTrack(List<CairnConfigurationCustomizer> customizers) {
		CairnConfiguration.Builder builder = engine();
		PropertyMapper.get().from(this.properties.getTrack()).to((track) -> builder.track(track));
		apply(this.properties, builder);
		builder.javaMigrations(javaMigrationsOf(this.properties.getTrack(), true));
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * The set of every track: the engines given (the default track, or the application's own
	 * {@code Cairn} beans), {@code cairn.tracks.*} and contributed tracks.
	 * @throws CairnConfigurationException naming every conflict between them
	 */
	TrackSet trackSet(List<Cairn> engines, List<CairnTrack> contributed) {
		List<CairnConfiguration> tracks = new ArrayList<>();
		engines.forEach((cairn) -> tracks.add(cairn.configuration()));
		checkJavaMigrationTracks(engines, contributed);
		Map<String, Track> named = new TreeMap<>(this.properties.getTracks());
		List<String> contributedNames = contributed.stream().map(CairnTrack::name).toList();
		named.forEach((name, track) -> {
			// A track with tenants is a fleet (fleets()), not one schema's track.
			if (!contributedNames.contains(name) && !track.getTenants().isConfigured()) {
				tracks.add(named(name, track));
			}
		});
		for (CairnTrack track : contributed) {
			tracks.add(contributed(track, named.get(track.name())));
		}
		return TrackSet.of(tracks);
	}

	/**
	 * The tenant fleets: every enabled {@code cairn.tracks.<name>} with tenants, by name.
	 * @param environment where {@code JOB_COMPLETION_INDEX} is read when the shard index is not set
	 * @param sharded whether the shard settings apply (command mode); start-up migrates every tenant
	 * @throws CairnConfigurationException naming the track and the bad setting
	 */
	TenantFleets fleets(Map<String, String> environment, boolean sharded) {
		List<TenantFleet> fleets = new ArrayList<>();
		Map<String, Integer> thresholds = new TreeMap<>();
		new TreeMap<>(this.properties.getTracks()).forEach((name, track) -> {
			CairnProperties.Tenants tenants = track.getTenants();
			if (!tenants.isConfigured() || !track.isEnabled()) {
				return;
			}
			String source = "cairn.tracks." + name + ".tenants";
			CairnConfiguration configuration = named(name, track, fleetListeners());
			// Looked up outside the try: their errors name their own property already.
			TenantSource tenantSource = tenantSource(tenants, source);
			TenantDatabases databases = tenantDatabases(track, source);
			try {
				TenantFleet.Builder builder = TenantFleet.builder(configuration.engine(), configuration.trackSettings())
					.tenants(tenantSource)
					.databases(databases)
					.failurePolicy(tenants.getFailurePolicy())
					.createSchemas(tenants.isCreateSchemas())
					.sharedSchemas(tenants.getSharedSchemas())
					.shard(sharded ? shard(tenants, environment) : FleetShard.all());
				PropertyMapper.get().from(tenants.getWorkers()).to((workers) -> builder.workers(workers));
				fleets.add(builder.build());
			}
			catch (CairnConfigurationException ex) {
				throw new CairnConfigurationException(source + ": " + ex.getMessage(), ex);
			}
			thresholds.put(name, tenants.getHealthFailureThreshold());
		});
		return new TenantFleets(fleets, thresholds, this.properties.getEndpoint().getFleetStatusMaxAge());
	}

	private TenantSource tenantSource(CairnProperties.Tenants tenants, String prefix) {
		if (!tenants.getSchemas().isEmpty()) {
			return TenantSource.of(tenants.getSchemas());
		}
		String bean = tenants.getSource();
		return (bean != null && !bean.isBlank()) ? bean(prefix + ".source", bean, TenantSource.class)
				: TenantSource.query(tenants.getQuery());
	}

	private @Nullable TenantDatabases tenantDatabases(Track track, String prefix) {
		CairnProperties.Tenants tenants = track.getTenants();
		String template = tenants.getUrlTemplate();
		if (template != null && !template.isBlank()) {
			return TenantDatabases.urlTemplate(template, (url) -> this.tenantDataSource.apply(track, url));
		}
		String bean = tenants.getDatabases();
		return (bean != null && !bean.isBlank()) ? bean(prefix + ".databases", bean, TenantDatabases.class) : null;
	}

	/** The bean a property names, or an error naming the property and the beans there are of that type. */
	private <T> T bean(String property, String name, Class<T> type) {
		try {
			return this.beans.getBean(name, type);
		}
		catch (BeanNotOfRequiredTypeException ex) {
			throw new CairnConfigurationException(property + " names bean '" + name + "', which is a "
					+ ex.getActualType().getName() + ", not a " + type.getSimpleName() + ": name one of "
					+ List.of(this.beans.getBeanNamesForType(type)));
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new CairnConfigurationException(property + " names bean '" + name + "', but there is no bean of that"
					+ " name: the " + type.getSimpleName() + " beans are " + List.of(this.beans.getBeanNamesForType(type)));
		}
	}

	/**
	 * A fleet's listeners: not the run tracker nor the readiness gate, which see one state per
	 * track and would show whichever tenant finished last; {@link TenantFleets} keeps the
	 * fleet's state. Metrics keep it: their track tag is the fleet's name, one value per fleet.
	 */
	private List<MigrationListener> fleetListeners() {
		return this.listeners.stream()
			.filter((listener) -> !(listener instanceof CairnRunTracker) && !(listener instanceof ReadinessGate))
			.toList();
	}

	private static FleetShard shard(CairnProperties.Tenants tenants, Map<String, String> environment) {
		Integer index = tenants.getShardIndex();
		return (index != null) ? new FleetShard(index, tenants.getShardCount())
				: FleetShard.fromEnvironment(environment, tenants.getShardCount());
	}

	private CairnConfiguration named(String name, Track track) {
		return named(name, track, this.listeners);
	}

	private CairnConfiguration named(String name, Track track, List<MigrationListener> listeners) {
		CairnConfiguration.Builder builder = engine(listeners).track(name);
		builder.tablesNamedAfter(name);
		apply(track, builder);
		builder.enabled(track.isEnabled());
		builder.javaMigrations(javaMigrationsOf(name, false));
		if (track.hasOwnConnection()) {
			builder.trackDataSource(this.ownDataSource.apply(track));
			// The scope binds the application's DataSource, not this track's connection.
			builder.javaMigrationScope(JavaMigrationScope.NONE);
		}
		return build(builder, "cairn.tracks." + name);
	}

	private CairnConfiguration contributed(CairnTrack track, @Nullable Track override) {
		CairnConfiguration.Builder builder = engine().track(track.name());
		builder.tablesNamedAfter(track.name());
		track.configure(builder);
		builder.track(track.name());
		builder.javaMigrations(javaMigrationsOf(track.name(), false));
		if (override != null) {
			// The application orders or switches off a library's track by name; the rest is the library's.
			builder.enabled(override.isEnabled());
			if (!override.getAfter().isEmpty()) {
				builder.after(override.getAfter());
			}
		}
		return build(builder, "the track '" + track.name() + "' of " + track);
	}

	/** The Java migration beans of one track: those whose track() names it, and for the default track those naming none. */
	private List<JavaMigration> javaMigrationsOf(String track, boolean isDefault) {
		return this.javaMigrations.stream()
			.filter((migration) -> (migration.track() == null) ? isDefault : migration.track().equals(track))
			.toList();
	}

	/** A Java migration bean whose track() names no track of the set would never run: refused. */
	private void checkJavaMigrationTracks(List<Cairn> engines, List<CairnTrack> contributed) {
		List<String> names = new ArrayList<>();
		engines.forEach((cairn) -> names.add(cairn.configuration().track()));
		names.addAll(this.properties.getTracks().keySet());
		contributed.forEach((track) -> names.add(track.name()));
		List<String> mistakes = new ArrayList<>();
		for (JavaMigration migration : this.javaMigrations) {
			String track = migration.track();
			if (track == null && engines.isEmpty()) {
				mistakes.add("Java migration " + migration.getClass().getName() + " belongs to the default track, which"
						+ " is not defined (only cairn.tracks.* are): make its track() return one of " + names
						+ ", or set cairn.default-track-enabled=true");
			}
			else if (track != null && !names.contains(track)) {
				mistakes.add("Java migration " + migration.getClass().getName() + " names track '" + track
						+ "', which is not defined: the tracks are " + names);
			}
		}
		if (!mistakes.isEmpty()) {
			throw new CairnConfigurationException("Invalid Cairn configuration:\n  - " + String.join("\n  - ", mistakes));
		}
	}

	private static CairnConfiguration build(CairnConfiguration.Builder builder, String source) {
		try {
			return builder.build();
		}
		catch (CairnConfigurationException ex) {
			throw new CairnConfigurationException(source + ": " + ex.getMessage(), ex);
		}
	}

	/** One track's settings; those left unset keep the builder's. */
	private static void apply(TrackProperties track, CairnConfiguration.Builder builder) {
		// Lambdas rather than method references: the builder's overloads stay free to grow.
		PropertyMapper map = PropertyMapper.get();
		map.from(track.getLocations()).to((locations) -> builder.locations(locations));
		map.from(track.getSchema()).to((schema) -> builder.schema(schema));
		map.from(track.getTable()).to((table) -> builder.table(table));
		map.from(track.isCreateSchema()).to((createSchema) -> builder.createSchema(createSchema));
		map.from(track.getLockTimeout()).to((timeout) -> builder.lockTimeout(timeout));
		map.from(track.getValidateGaps()).to((policy) -> builder.gapPolicy(policy));
		map.from(track.getValidateDrift()).to((policy) -> builder.driftPolicy(policy));
		map.from(track.getValidateUnknown()).to((policy) -> builder.unknownPolicy(policy));
		map.from(track.getValidateFuture()).to((policy) -> builder.futurePolicy(policy));
		map.from(track.getRecoveryPolicy()).to((policy) -> builder.recoveryPolicy(policy));
		map.from(track.isBaselineOnMigrate()).to((baseline) -> builder.baselineOnMigrate(baseline));
		map.from(track.getBaselineVersion())
			.whenHasText()
			.as((version) -> Version.parse(version.strip()))
			.to((version) -> builder.baselineVersion(version));
		map.from(track.isTakeover()).to((takeover) -> builder.takeover(takeover));
		map.from(track.getGolangMigrateTable()).to((table) -> builder.golangMigrateTable(table));
		map.from(track.getFlywayTable()).to((table) -> builder.flywayTable(table));
		map.from(track.getAfter()).to((after) -> builder.after(after));
		map.from(track.getGooseTable()).to((table) -> builder.gooseTable(table));
		map.from(track.getGormigrateTable()).to((table) -> builder.gormigrateTable(table));
		map.from(track.getPrismaTable()).to((table) -> builder.prismaTable(table));
		map.from(track.getLayout()).to((layout) -> builder.layout(layout));
		map.from(track.getPlaceholders()).to((placeholders) -> builder.placeholders(placeholders));
		track.getLayouts().forEach((location, layout) -> builder.layout(location, layout));
		TrackProperties.LockWait lockWait = track.getLockWait();
		map.from(lockWait.getLockTimeout()).to((timeout) -> builder.statementLockTimeout(timeout));
		map.from(lockWait.getStatementTimeout()).to((timeout) -> builder.statementTimeout(timeout));
		map.from(lockWait.getMaxAttempts()).to((attempts) -> builder.lockRetryAttempts(attempts));
		map.from(lockWait.getBackoff()).to((backoff) -> builder.lockRetryBackoff(backoff));
		track.getLint().getRules().forEach((rule, policy) -> builder.lintPolicy(rule, policy));
		map.from(track.getLint().getLargeTableSize()).to((size) -> builder.largeTableSize(size.toBytes()));
	}

}
