package dev.cairn.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;

/**
 * Migrates every track in order, as the runner and the initializer both do.
 */
final class Migrations {

	private static final Log logger = LogFactory.getLog(Migrations.class);

	private Migrations() {
	}

	/**
	 * Migrates each track in order and stops at the first failure.
	 * @param cairns the engines, one per track
	 * @param failOnError whether a failure is thrown (the application does not start) or only
	 * logged (the application starts, not ready)
	 * @return whether every track migrated
	 */
	static boolean migrate(List<Cairn> cairns, boolean failOnError) {
		for (Cairn cairn : cairns) {
			try {
				cairn.migrate();
			}
			catch (CairnException ex) {
				if (failOnError) {
					throw ex;
				}
				// The engine's message says what, where and what to do; the stack trace adds nothing for the reader.
				logger.error("Migrations failed; the application keeps running but stays not ready"
						+ " (cairn.fail-on-error=false). Health and /actuator/migrations show the failure.\n"
						+ RunError.safe(ex.getMessage()));
				logger.debug("Migration failure", ex);
				return false;
			}
		}
		return true;
	}

}
