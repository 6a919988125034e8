package dev.cairn.core.faults;

import java.time.Duration;
import java.util.List;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.MDC;

import dev.cairn.core.CairnConfiguration;
import dev.cairn.core.FleetResult;
import dev.cairn.core.MigrationListener;
import dev.cairn.core.TenantDatabases;
import dev.cairn.core.TenantFleet;
import dev.cairn.core.TenantSource;

/**
 * A separate JVM that runs one fleet migrate, to be killed. Arguments: JDBC URL, migrations
 * folder, workers, tenants (comma-separated), and for a fleet of databases a URL template. Prints "event migrationStarted tenant version"
 * as each migration starts, flushed at once, and "result ..." with the summary at the end.
 */
public final class FleetProcess {

	private FleetProcess() {
	}

	public static void main(String[] args) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(args[0]);
		CairnConfiguration.Builder builder = CairnConfiguration.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + args[1])
			.lockTimeout(Duration.ofSeconds(60))
			.listener(new MigrationListener() {
				@Override
				public void migrationStarted(MigrationStarted event) {
					System.out.println("event migrationStarted " + MDC.get(TenantFleet.MDC_TENANT) + " " + event.version());
				}
			});
		TenantFleet.Builder fleet = TenantFleet.builder(builder.buildEngine(), builder.track("tenants").buildTrack())
			.tenants(TenantSource.of(List.of(args[3].split(","))))
			.workers(Integer.parseInt(args[2]));
		if (args.length > 4) {
			fleet.databases(TenantDatabases.urlTemplate(args[4], null, null));
		}
		else {
			fleet.createSchemas(true);
		}
		FleetResult result = fleet.build().migrate();
		System.out.println("result " + result.summary());
		System.exit(result.succeeded() ? 0 : 2);
	}

}
