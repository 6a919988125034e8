/**
 * Cairn's test support: helpers for tests that talk to a real PostgreSQL, never a mock.
 *
 * <ul>
 * <li>{@link dev.cairn.test.TestDatabase}: a new empty database per test, on the server named by
 * {@code CAIRN_TEST_JDBC_URL} or on an embedded PostgreSQL started once per JVM;</li>
 * <li>{@link dev.cairn.test.Sql}: one-line queries for assertions;</li>
 * <li>{@link dev.cairn.test.SchemaSnapshot}: what a schema or database contains, comparable with
 * {@code equals} and printable as a diff;</li>
 * <li>{@link dev.cairn.test.HeldLock}: another session holding an advisory or table lock until
 * closed.</li>
 * </ul>
 *
 * <p>This is the seed of the test toolkit (the {@code cairn-test} module). Helpers that check a
 * migration's up/down round trip, and that a fresh install and an upgrade end in the same schema,
 * come later and will build on {@code SchemaSnapshot}. The module does not depend on
 * {@code cairn-core}, whose own tests use it (Maven forbids the cycle); a helper that needs the
 * engine reaches it through plain Java types, such as a {@code Runnable} that migrates.
 */
package dev.cairn.test;
