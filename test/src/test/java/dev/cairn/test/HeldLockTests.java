package dev.cairn.test;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HeldLock}: the lock is really held, by the session it names, until closed.
 */
class HeldLockTests {

	// pg_locks shows the whole server's locks, other test JVMs' included.
	private static final String THIS_DATABASE = " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

	private DataSource dataSource;

	@BeforeEach
	void createDatabase() {
		this.dataSource = TestDatabase.createDatabase();
	}

	@Test
	void holdsAnAdvisoryLockUntilClosed() {
		try (HeldLock lock = HeldLock.advisory(this.dataSource, 0x43414952, 42)) {
			lock.execute("SET application_name = 'holder'");
			assertThat(Sql.value(this.dataSource, "SELECT pg_try_advisory_lock(" + 0x43414952 + ", 42)")).isEqualTo("f");
			assertThat(Sql.value(this.dataSource,
					"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = 42" + THIS_DATABASE))
				.isEqualTo(String.valueOf(lock.pid()));
			assertThat(Sql.value(this.dataSource, "SELECT application_name FROM pg_stat_activity WHERE pid = " + lock.pid()))
				.isEqualTo("holder");
			// The 64-bit key of the same value is another lock (released in the same round trip: a closed
			// session's backend may still be listed in pg_locks for a moment after the close).
			assertThat(Sql.value(this.dataSource, "SELECT pg_try_advisory_lock(42) AND pg_advisory_unlock(42)"))
				.isEqualTo("t");
			assertThatThrownBy(() -> HeldLock.advisory(this.dataSource, 0x43414952, 42))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("another session holds it");
		}
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'" + THIS_DATABASE))
			.isEqualTo("0");
		try (HeldLock again = HeldLock.advisory(this.dataSource, 0x43414952, 42)) {
			assertThat(again.toString()).isEqualTo("HeldLock[advisory lock (1128352082, 42)]");
		}
	}

	@Test
	void holdsATableLockUntilClosedAndRollsBackWhatRanInItsTransaction() {
		TestDatabase.execute(this.dataSource, "CREATE TABLE orders (id int)");
		try (HeldLock lock = HeldLock.table(this.dataSource, "public.orders")) {
			lock.execute("INSERT INTO orders VALUES (1)");
			assertThat(Sql.value(this.dataSource, "SELECT mode FROM pg_locks WHERE relation = 'public.orders'::regclass"
					+ " AND pid = " + lock.pid() + " AND granted ORDER BY mode LIMIT 1")).isEqualTo("AccessExclusiveLock");
			assertThatThrownBy(() -> HeldLock.table(this.dataSource, "public.orders", HeldLock.Mode.ACCESS_SHARE))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("access share lock on public.orders");
		}
		assertThat(Sql.value(this.dataSource, "SELECT count(*) FROM orders")).isEqualTo("0");
		try (HeldLock shared = HeldLock.table(this.dataSource, "orders", HeldLock.Mode.ROW_EXCLUSIVE);
				HeldLock alsoShared = HeldLock.table(this.dataSource, "orders", HeldLock.Mode.ROW_EXCLUSIVE)) {
			assertThat(shared.pid()).isNotEqualTo(alsoShared.pid());
		}
	}

}
