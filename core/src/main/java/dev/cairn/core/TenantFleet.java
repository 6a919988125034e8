package dev.cairn.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.cairn.core.internal.fleet.FleetRun;
import dev.cairn.core.internal.fleet.TenantDataSource;
import dev.cairn.core.internal.fleet.TenantNames;

/**
 * A tenant fleet: one track's migrations applied to many tenants, each a schema of one
 * database or, with {@link Builder#databases}, a database of its own.
 *
 * <p>Schema per tenant: each tenant is a track of its own in its schema: its own history table
 * there (the track's table name, in the tenant's schema), so its own lock (the lock key is
 * derived from the qualified history table), exactly as safe as a single database. Its
 * sessions have {@code search_path} set to its schema (then the {@linkplain Builder#sharedSchemas
 * shared schemas}), so unqualified DDL lands there, and get their own path back when they are
 * given back to the pool.
 *
 * <p>Database per tenant: each tenant is the track as configured (its schema, its table) in
 * the tenant's database, reached through {@link TenantDatabases}; its history and its lock are
 * that database's (advisory locks are per database). The tenant source still runs on the
 * engine's DataSource, such as a catalogue database listing the tenants.
 *
 * <p>A run lists the tenants ({@link TenantSource}), keeps this {@linkplain FleetShard shard}'s,
 * and migrates them on a bounded number of workers; a failing tenant does not stop the others
 * unless the {@link FleetFailurePolicy} says so. Each tenant keeps its own history, so a re-run
 * applies only what is pending: the failed tenants and those a run did not reach. Two runners
 * at once (overlapping shards, a re-run while one is going) never apply a migration twice:
 * the second waits for each tenant's lock and then finds nothing pending.
 *
 * <p>Every worker holds two connections while it migrates a tenant (the lock session and the
 * session migrations run on), so a run uses at most {@code 2 × workers} connections, plus one
 * for a tenant query; {@link Builder#maxConnections} caps the workers to a pool's size.
 *
 * <p>The track's name stays the fleet's on every tenant (log lines, events and metric tags say
 * {@code Track 'tenants'}, a bounded set of values); the tenant is in each event's history
 * table and in the logging context as {@code cairn.tenant}.
 */
public final class TenantFleet {

	private static final Logger logger = LoggerFactory.getLogger(TenantFleet.class);

	/** The logging context (MDC) key holding the tenant a worker is migrating. */
	public static final String MDC_TENANT = "cairn.tenant";

	private static final int MAX_WORKERS = 256;

	private final EngineSettings engine;

	private final TrackSettings track;

	private final TenantSource source;

	private final int workers;

	private final FleetFailurePolicy failurePolicy;

	private final FleetShard shard;

	private final boolean createSchemas;

	private final List<String> sharedSchemas;

	private final @Nullable TenantDatabases databases;

	private TenantFleet(Builder builder, int workers) {
		this.engine = builder.engine;
		this.track = builder.track;
		this.source = java.util.Objects.requireNonNull(builder.source);
		this.workers = workers;
		this.failurePolicy = builder.failurePolicy;
		this.shard = builder.shard;
		this.createSchemas = builder.createSchemas;
		this.sharedSchemas = List.copyOf(builder.sharedSchemas);
		this.databases = builder.databases;
	}

	/**
	 * A fleet of the track's migrations.
	 * @param engine the shared settings (the DataSource of the database holding the tenants)
	 * @param track the track every tenant gets; its {@code schema} is replaced by each tenant's
	 */
	public static Builder builder(EngineSettings engine, TrackSettings track) {
		return new Builder(engine, track);
	}

	/** The default number of workers: the machine's processors, at most 4 (see tenant-fleets.md). */
	public static int defaultWorkers() {
		return Math.min(4, Runtime.getRuntime().availableProcessors());
	}

	/** The track's name. */
	public String name() {
		return this.track.name();
	}

	public int workers() {
		return this.workers;
	}

	public FleetShard shard() {
		return this.shard;
	}

	public FleetFailurePolicy failurePolicy() {
		return this.failurePolicy;
	}

	/** Whether each tenant is a database of its own, not a schema. */
	public boolean perDatabase() {
		return this.databases != null;
	}

	/**
	 * Lists the tenants this shard migrates, as a run would, in the source's order.
	 * @throws CairnConfigurationException if a name cannot be a tenant's schema
	 * @throws CairnException if the source cannot list them
	 */
	public List<String> tenants() {
		List<String> listed;
		try {
			listed = this.source.tenants(this.engine.dataSource());
		}
		catch (CairnException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CairnException("Fleet '" + name() + "': cannot list the tenants: " + Secrets.mask(ex.getMessage()),
					ex);
		}
		if (listed == null) {
			throw new CairnConfigurationException("Fleet '" + name() + "': the tenant source returned null instead of a"
					+ " list of " + (perDatabase() ? "tenant" : "schema") + " names");
		}
		String where = "fleet '" + name() + "'";
		List<String> checked = perDatabase() ? TenantNames.checkDatabases(listed, where)
				: TenantNames.check(listed, where);
		return checked.stream().filter(this.shard::contains).toList();
	}

	/**
	 * The engine of one tenant, for any operation on it alone (status, validate, repair,
	 * rollback). The tenant need not be in this shard or in the tenant source.
	 * @throws CairnConfigurationException if the name cannot be a tenant's schema (or database)
	 * @throws CairnException if the tenant's database has no DataSource
	 */
	public Cairn tenant(String schema) {
		if (this.databases != null) {
			return tenantDatabase(this.databases, schema);
		}
		String mistake = TenantNames.mistake(schema);
		if (mistake != null) {
			throw new CairnConfigurationException("Fleet '" + name() + "': invalid tenant schema name: " + mistake);
		}
		DataSource base = (this.track.dataSource() != null) ? this.track.dataSource() : this.engine.dataSource();
		List<String> path = new ArrayList<>();
		path.add(schema);
		this.sharedSchemas.stream().filter((shared) -> !shared.equals(schema)).forEach(path::add);
		TrackSettings settings = CairnConfiguration.of(this.engine, this.track)
			.toBuilder()
			.schema(schema)
			.createSchema(this.createSchemas)
			.trackDataSource(new TenantDataSource(base, path))
			.buildTrack();
		return new Cairn(CairnConfiguration.of(this.engine, settings));
	}

	private Cairn tenantDatabase(TenantDatabases databases, String tenant) {
		String mistake = TenantNames.databaseMistake(tenant);
		if (mistake != null) {
			throw new CairnConfigurationException("Fleet '" + name() + "': invalid tenant database name: " + mistake);
		}
		DataSource dataSource;
		try {
			dataSource = databases.dataSource(tenant);
		}
		catch (CairnException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CairnException("Fleet '" + name() + "': no DataSource for tenant '" + tenant + "': "
					+ Secrets.mask(String.valueOf(ex.getMessage())), ex);
		}
		if (dataSource == null) {
			throw new CairnException("Fleet '" + name() + "': the tenant databases gave no DataSource for tenant '"
					+ tenant + "' (null): return one for every tenant the tenant source lists");
		}
		// The track's own schema setting holds in every database: a missing database fails its
		// tenant when it connects (creating databases is left to the application's sign-up).
		TrackSettings settings = CairnConfiguration.of(this.engine, this.track)
			.toBuilder()
			.trackDataSource(dataSource)
			.buildTrack();
		return new Cairn(CairnConfiguration.of(this.engine, settings));
	}

	/**
	 * Migrates one tenant now, such as the schema a sign-up just created, with the guarantees of
	 * a fleet run (its lock, its history, its search path), while the application serves
	 * traffic and whether or not a fleet run is going on (one of the two waits for the other's
	 * lock, then finds nothing pending).
	 * @throws CairnException as {@link Cairn#migrate()}
	 */
	public MigrateResult migrateTenant(String schema) {
		String before = MDC.get(MDC_TENANT);
		MDC.put(MDC_TENANT, schema);
		try {
			return tenant(schema).migrate();
		}
		finally {
			restoreMdc(before);
		}
	}

	/**
	 * Migrates every tenant of this shard.
	 * @return every tenant's outcome; failures are in it, not thrown
	 * @throws CairnException before any tenant runs, if the tenants cannot be listed or a name
	 * is invalid
	 */
	public FleetResult migrate() {
		return migrate(new FleetListener() {
		});
	}

	/**
	 * Migrates every tenant of this shard, telling {@code listener} how the run goes (from the
	 * worker threads).
	 */
	public FleetResult migrate(FleetListener listener) {
		long start = System.nanoTime();
		// 1. List the tenants and keep this shard's.
		List<String> tenants = tenants();
		int running = Math.min(this.workers, tenants.size());
		logger.info("Fleet '{}': migrating {} tenants{} with {} workers", name(), tenants.size(),
				(this.shard.count() > 1) ? " (shard " + this.shard + ")" : "", running);
		listener.fleetStarted(name(), tenants.size(), running);
		// 2. Migrate them on the workers; each tenant is one Cairn run in its own schema.
		Progress counter = new Progress(tenants.size(), this.engine.progressInterval());
		List<TenantOutcome> outcomes = new FleetRun<TenantOutcome>(name(), this.workers,
				this.failurePolicy == FleetFailurePolicy.STOP)
			.run(tenants, (tenant) -> {
				listener.tenantStarted(tenant);
				return migrateOne(tenant);
			}, (outcome) -> outcome.state() == TenantOutcome.State.FAILED, TenantOutcome::notRun, (outcome) -> {
				counter.done(outcome);
				listener.tenantFinished(outcome);
			});
		// 3. Report.
		FleetResult result = new FleetResult(name(), this.shard, this.workers, outcomes,
				Duration.ofNanos(System.nanoTime() - start));
		if (result.succeeded()) {
			logger.info("Fleet '{}', migrate: {} in {} ms", name(), result.summary(), result.duration().toMillis());
		}
		else {
			logger.warn("Fleet '{}', migrate: {} in {} ms", name(), result.summary(), result.duration().toMillis());
		}
		return result;
	}

	/**
	 * Reads every tenant's state of this shard on the workers, taking no lock and changing
	 * nothing (a missing history table or schema reads as nothing applied).
	 * @throws CairnException if the tenants cannot be listed or a name is invalid
	 */
	public FleetStatus status() {
		List<String> tenants = tenants();
		List<FleetStatus.Tenant> states = new FleetRun<FleetStatus.Tenant>(name(), this.workers, false).run(tenants,
				this::statusOne, (state) -> false, (tenant) -> new FleetStatus.Tenant(tenant, null, 0, 0, "not read"),
				(state) -> {
				});
		return new FleetStatus(name(), this.shard, states);
	}

	private FleetStatus.Tenant statusOne(String schema) {
		try {
			return FleetStatus.Tenant.of(schema, tenant(schema).status());
		}
		catch (RuntimeException ex) {
			return new FleetStatus.Tenant(schema, null, 0, 0, TenantOutcome.firstLine(ex.getMessage()));
		}
	}

	private TenantOutcome migrateOne(String schema) {
		long start = System.nanoTime();
		String before = MDC.get(MDC_TENANT);
		MDC.put(MDC_TENANT, schema);
		try {
			MigrateResult result = tenant(schema).migrate();
			return TenantOutcome.of(schema, result, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (CairnException ex) {
			logger.warn("Fleet '{}': tenant '{}' failed: {}", name(), schema, TenantOutcome.firstLine(ex.getMessage()));
			return TenantOutcome.failed(schema, ex, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (RuntimeException | LinkageError | StackOverflowError ex) {
			// A listener's or a Java migration's unchecked exception, a class it could not load, a runaway
			// recursion: one tenant's failure, not the fleet's.
			CairnException wrapped = new CairnException("Track '" + name() + "': tenant '" + schema + "' failed: " + ex,
					ex);
			logger.warn("Fleet '{}': tenant '{}' failed: {}", name(), schema, ex.toString());
			return TenantOutcome.failed(schema, wrapped, Duration.ofNanos(System.nanoTime() - start));
		}
		finally {
			restoreMdc(before);
		}
	}

	private static void restoreMdc(@Nullable String before) {
		if (before == null) {
			MDC.remove(MDC_TENANT);
		}
		else {
			MDC.put(MDC_TENANT, before);
		}
	}

	/** Logs how far a run is at most once per progress interval. */
	private final class Progress {

		private final int total;

		private final long intervalNanos;

		private final long start = System.nanoTime();

		private final AtomicInteger done = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final AtomicLong lastLog = new AtomicLong(System.nanoTime());

		Progress(int total, Duration interval) {
			this.total = total;
			this.intervalNanos = interval.toNanos();
		}

		void done(TenantOutcome outcome) {
			int count = this.done.incrementAndGet();
			if (outcome.state() == TenantOutcome.State.FAILED) {
				this.failed.incrementAndGet();
			}
			long now = System.nanoTime();
			long last = this.lastLog.get();
			if (now - last >= this.intervalNanos && count < this.total && this.lastLog.compareAndSet(last, now)) {
				double seconds = Math.max((now - this.start) / 1e9, 0.001);
				logger.info("Fleet '{}': {}/{} tenants done, {} failed, {} tenants/s", name(), count, this.total,
						this.failed.get(), String.format(java.util.Locale.ROOT, "%.1f", count / seconds));
			}
		}

	}

	/** Builds a {@link TenantFleet}; {@link #tenants} is required. */
	public static final class Builder {

		private final EngineSettings engine;

		private final TrackSettings track;

		private @Nullable TenantSource source;

		private int workers = defaultWorkers();

		private int maxConnections = Integer.MAX_VALUE;

		private FleetFailurePolicy failurePolicy = FleetFailurePolicy.CONTINUE;

		private FleetShard shard = FleetShard.all();

		private boolean createSchemas;

		private List<String> sharedSchemas = List.of();

		private @Nullable TenantDatabases databases;

		private Builder(EngineSettings engine, TrackSettings track) {
			this.engine = engine;
			this.track = track;
		}

		/** Where the tenants come from; asked at the start of every run. */
		public Builder tenants(TenantSource source) {
			this.source = source;
			return this;
		}

		/** How many tenants are migrated at once: 1 to 256, default {@link #defaultWorkers()}. */
		public Builder workers(int workers) {
			this.workers = workers;
			return this;
		}

		/**
		 * How many connections the run may hold at once, such as the pool's maximum size: the
		 * workers are cut to half of it (each holds two).
		 */
		public Builder maxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
			return this;
		}

		/** What a failing tenant does to the others: {@link FleetFailurePolicy#CONTINUE} by default. */
		public Builder failurePolicy(FleetFailurePolicy policy) {
			this.failurePolicy = policy;
			return this;
		}

		/** Which part of the fleet this process migrates: all of it by default. */
		public Builder shard(FleetShard shard) {
			this.shard = shard;
			return this;
		}

		/**
		 * Whether a tenant's missing schema is created (off by default: a missing schema is more
		 * often a deleted tenant than a new one, and then fails that tenant). A fleet of
		 * databases keeps the track's own setting in every database instead.
		 */
		public Builder createSchemas(boolean createSchemas) {
			this.createSchemas = createSchemas;
			return this;
		}

		/**
		 * Schemas searched after the tenant's own (such as {@code public}, where extensions'
		 * types and functions live); none by default, so an unqualified name never resolves
		 * outside the tenant.
		 */
		public Builder sharedSchemas(List<String> schemas) {
			this.sharedSchemas = List.copyOf(schemas);
			return this;
		}

		/**
		 * Makes each tenant a database of its own, reached through {@code databases}: the
		 * tenant source then lists tenant names (letters, digits, '_', '.', '-'), not schemas,
		 * and each tenant gets the track's schema and history table in its database. Unset (the
		 * default), each tenant is a schema of the engine's database.
		 */
		public Builder databases(@Nullable TenantDatabases databases) {
			this.databases = databases;
			return this;
		}

		/**
		 * Checks the settings and builds the fleet.
		 * @throws CairnConfigurationException naming every bad setting
		 */
		public TenantFleet build() {
			List<String> mistakes = new ArrayList<>();
			if (this.source == null) {
				mistakes.add("tenants are not set: give a list of schemas, a query or a supplier");
			}
			if (this.workers < 1 || this.workers > MAX_WORKERS) {
				mistakes.add("workers " + this.workers + " is outside 1.." + MAX_WORKERS
						+ ": use how many tenants may migrate at once (each worker holds two connections)");
			}
			if (this.maxConnections < 2) {
				mistakes.add("maxConnections " + this.maxConnections + " is below 2: a tenant's run holds two connections"
						+ " (its lock and its migrations); give the pool at least 2");
			}
			if (this.databases != null && !this.sharedSchemas.isEmpty()) {
				mistakes.add("sharedSchemas " + this.sharedSchemas + " apply to a fleet of schemas, not of databases (each"
						+ " tenant's database keeps its own search_path): remove them");
			}
			for (String schema : this.sharedSchemas) {
				String mistake = TenantNames.mistake(schema);
				if (mistake != null && !(schema != null && schema.startsWith("pg_"))) {
					mistakes.add("sharedSchemas: " + mistake);
				}
			}
			if (this.failurePolicy == null) {
				mistakes.add("failurePolicy is not set: use CONTINUE or STOP");
			}
			if (this.shard == null) {
				mistakes.add("shard is not set: use FleetShard.all() for the whole fleet");
			}
			if (!mistakes.isEmpty()) {
				throw new CairnConfigurationException("Invalid tenant fleet '" + this.track.name() + "':\n  - "
						+ String.join("\n  - ", mistakes));
			}
			int capped = Math.min(this.workers, Math.max(1, this.maxConnections / 2));
			if (capped < this.workers) {
				logger.info("Fleet '{}': {} workers cut to {}, as the run may hold {} connections and each worker holds two",
						this.track.name(), this.workers, capped, this.maxConnections);
			}
			return new TenantFleet(this, capped);
		}

	}

}
