package dev.cairn.core.internal.migration;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.JavaMigration;
import dev.cairn.core.Location;
import dev.cairn.core.MigrationLayout;
import dev.cairn.core.internal.index.JarIndex;

/**
 * The catalogs made from jars' indexes, kept for reuse while the indexes' bytes are the same.
 * A jar cannot change under a running JVM, so the same index bytes make the same catalog; what
 * a run pays then is reading the index, not parsing it and checking every name again. Every
 * operation that scans asks: status and validate (health checks, the endpoint), every tenant
 * of a fleet, every migrate of a JVM. Files that can change (folders, {@code filesystem:}
 * locations, jars without an index) are never cached.
 *
 * <p>A few catalogs are kept, the most recently used first, each softly, so memory pressure
 * reclaims them.
 */
final class IndexedCatalogs {

	private static final int KEPT = 4;

	private static final LinkedList<SoftReference<Entry>> entries = new LinkedList<>();

	private IndexedCatalogs() {
	}

	/** The catalog made from the same indexes with the same settings, or {@code null}. */
	static synchronized @Nullable MigrationCatalog find(List<Location> locations, List<MigrationLayout> layouts,
			List<List<JarIndex.Index>> indexes, List<JavaMigration> javaMigrations) {
		for (Iterator<SoftReference<Entry>> iterator = entries.iterator(); iterator.hasNext();) {
			SoftReference<Entry> reference = iterator.next();
			Entry entry = reference.get();
			if (entry == null) {
				iterator.remove();
			}
			else if (entry.matches(locations, layouts, indexes, javaMigrations)) {
				iterator.remove();
				entries.addFirst(reference);
				return entry.catalog();
			}
		}
		return null;
	}

	static synchronized void keep(List<Location> locations, List<MigrationLayout> layouts,
			List<List<JarIndex.Index>> indexes, List<JavaMigration> javaMigrations, MigrationCatalog catalog) {
		entries.addFirst(new SoftReference<>(new Entry(List.copyOf(locations), List.copyOf(layouts),
				List.copyOf(indexes), new ArrayList<>(javaMigrations), catalog)));
		while (entries.size() > KEPT) {
			entries.removeLast();
		}
	}

	/** Forgets every catalog (for tests that compare a cold read with a warm one). */
	static synchronized void clear() {
		entries.clear();
	}

	private record Entry(List<Location> locations, List<MigrationLayout> layouts, List<List<JarIndex.Index>> indexes,
			List<JavaMigration> javaMigrations, MigrationCatalog catalog) {

		boolean matches(List<Location> locations, List<MigrationLayout> layouts, List<List<JarIndex.Index>> indexes,
				List<JavaMigration> javaMigrations) {
			if (!this.locations.equals(locations) || !this.layouts.equals(layouts)
					|| this.indexes.size() != indexes.size() || !sameInstances(this.javaMigrations, javaMigrations)) {
				return false;
			}
			for (int i = 0; i < indexes.size(); i++) {
				List<JarIndex.Index> mine = this.indexes.get(i);
				List<JarIndex.Index> theirs = indexes.get(i);
				if (mine.size() != theirs.size()) {
					return false;
				}
				for (int j = 0; j < mine.size(); j++) {
					if (!mine.get(j).sameAs(theirs.get(j))) {
						return false;
					}
				}
			}
			return true;
		}

		/** Java migrations are objects the application made: the same ones, not equal ones. */
		private static boolean sameInstances(List<JavaMigration> mine, List<JavaMigration> theirs) {
			if (mine.size() != theirs.size()) {
				return false;
			}
			for (int i = 0; i < mine.size(); i++) {
				if (mine.get(i) != theirs.get(i)) {
					return false;
				}
			}
			return true;
		}

	}

}
