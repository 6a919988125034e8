package dev.cairn.core.files;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.cairn.core.Version;

/**
 * Compares a migrations folder with its manifest, without a database: the build-time gate
 * ({@link #verify}) and the deliberate update of the manifest ({@link #update}).
 */
public final class ManifestCheck {

	private static final String UPDATE = "mvn cairn:manifest";

	private ManifestCheck() {
	}

	/**
	 * Every problem between a folder and its manifest: a listed file edited, renamed or removed,
	 * two files sharing a version, a file not listed yet with a version below the highest listed
	 * one (unless allowed), a listed file out of order without its {@code late} mark, and files
	 * that cannot be read or whose names follow neither layout. Unlisted files above the highest
	 * listed version are fine: they are the migrations being written.
	 * @param manifest the committed manifest
	 * @param folder the folder as it is now
	 * @param allowedLate versions allowed below the highest listed one although not listed yet
	 * @return the problems, one per file or pair of files, empty when the folder passes
	 */
	public static List<ManifestProblem> verify(Manifest manifest, MigrationFolder folder, Set<Version> allowedLate) {
		List<ManifestProblem> problems = new ArrayList<>(fileProblems(folder));
		Set<String> renameTargets = new HashSet<>();
		for (ManifestEntry entry : manifest.entries()) {
			FolderFile file = folder.find(entry.script()).orElse(null);
			if (file != null) {
				if (!file.checksum().equals(entry.checksum()) && file.kind() != FolderFile.Kind.REPEATABLE
						&& file.kind() != FolderFile.Kind.SNAPSHOT) {
					problems.add(new ManifestProblem(ManifestProblem.Kind.EDITED, List.of(entry.script()), entry.script()
							+ " was edited after it was listed (sha256 " + abbreviate(entry.checksum()) + " listed, "
							+ abbreviate(file.checksum()) + " now): databases that applied it will report drift; undo the"
							+ " edit and put the change in a new migration, or, if no database has applied this version,"
							+ " record the edit with " + UPDATE));
				}
				continue;
			}
			FolderFile renamed = renamedTo(entry, manifest, folder);
			if (renamed != null) {
				renameTargets.add(renamed.script());
				problems.add(new ManifestProblem(ManifestProblem.Kind.RENAMED, List.of(entry.script(), renamed.script()),
						entry.script() + " was renamed to " + renamed.script() + ": databases record the name they applied"
								+ " and will report the rename; restore the old name, or record the rename with " + UPDATE));
			}
			else {
				problems.add(new ManifestProblem(ManifestProblem.Kind.REMOVED, List.of(entry.script()), entry.script()
						+ " is listed but no longer exists: databases that applied it will report an unknown migration;"
						+ " restore the file, or record its removal with " + UPDATE));
			}
		}
		problems.addAll(outOfOrder(manifest.entries()));
		Version highest = highestUp(manifest.entries());
		Set<Version> seen = new HashSet<>();
		Set<Version> shared = new HashSet<>();
		for (FolderFile file : folder.upFiles()) {
			if (!seen.add(file.version())) {
				shared.add(file.version()); // reported as a duplicate version already
			}
		}
		for (FolderFile file : folder.upFiles()) {
			if (manifest.find(file.script()) == null && !renameTargets.contains(file.script()) && highest != null
					&& !shared.contains(file.version())
					&& file.version().compareTo(highest) < 0 && !allowedLate.contains(file.version())) {
				problems.add(late(file, highest));
			}
		}
		return List.copyOf(problems);
	}

	/**
	 * The manifest the folder should have now: listed files keep their place (a rename in its
	 * old line, an edit with its new checksum), removed files are dropped and new ones appended
	 * in version order. Refused when the folder has a problem that a manifest cannot record:
	 * unreadable files, two files sharing a version, or a new file below the highest listed
	 * version that is not in {@code allowedLate} (which is then listed with the {@code late} mark).
	 * @param previous the committed manifest, or {@code null} for the first one
	 * @param folder the folder as it is now
	 * @param allowedLate versions that may be listed below the highest version listed before them
	 * @return the new manifest and what changed, or the problems
	 */
	public static Update update(@Nullable Manifest previous, MigrationFolder folder, Set<Version> allowedLate) {
		Manifest old = (previous != null) ? previous : new Manifest(List.of());
		List<ManifestProblem> problems = new ArrayList<>(fileProblems(folder));
		List<String> changes = new ArrayList<>();
		Map<String, ManifestEntry> next = new LinkedHashMap<>();
		Set<String> placed = new HashSet<>();
		for (ManifestEntry entry : old.entries()) {
			FolderFile file = folder.find(entry.script()).orElse(null);
			if (file == null) {
				file = renamedTo(entry, old, folder);
				if (file == null) {
					changes.add("removed " + entry.script());
					continue;
				}
				changes.add("renamed " + entry.script() + " to " + file.script());
			}
			else if (!file.checksum().equals(entry.checksum())) {
				changes.add("changed " + file.script());
			}
			placed.add(file.script());
			next.put(file.script(), new ManifestEntry(file.version(), entry.late(), file.checksum(), file.script()));
		}
		Version highest = highestUp(List.copyOf(next.values()));
		for (FolderFile file : folder.files()) {
			if (placed.contains(file.script())) {
				continue;
			}
			boolean late = false;
			if (file.kind() == FolderFile.Kind.UP && highest != null && file.version().compareTo(highest) < 0) {
				if (!allowedLate.contains(file.version())) {
					problems.add(late(file, highest));
					continue;
				}
				late = true;
			}
			changes.add("added " + file.script() + (late ? " (late)" : ""));
			next.put(file.script(), ManifestEntry.of(file, late));
		}
		Manifest manifest = new Manifest(List.copyOf(next.values()));
		problems.addAll(outOfOrder(manifest.entries()));
		return new Update(manifest, List.copyOf(changes), List.copyOf(problems));
	}

	private static List<ManifestProblem> fileProblems(MigrationFolder folder) {
		List<ManifestProblem> problems = new ArrayList<>();
		for (String problem : folder.problems()) {
			problems.add(new ManifestProblem(ManifestProblem.Kind.UNREADABLE, List.of(), problem));
		}
		Map<String, List<String>> byVersion = new TreeMap<>();
		for (FolderFile file : folder.files()) {
			if (file.version() != null) {
				String key = file.kind() + " " + file.version();
				byVersion.computeIfAbsent(key, (k) -> new ArrayList<>()).add(file.script());
			}
		}
		for (Map.Entry<String, List<String>> entry : byVersion.entrySet()) {
			if (entry.getValue().size() > 1) {
				String version = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
				String verb = entry.getKey().startsWith("UP") ? "applied" : "undone";
				problems.add(new ManifestProblem(ManifestProblem.Kind.DUPLICATE_VERSION, entry.getValue(), "version "
						+ version + " is " + verb + " by " + entry.getValue().size() + " files: "
						+ String.join(", ", entry.getValue()) + ": give each migration its own version (mvn cairn:new"
						+ " -Dname=... makes the next one)"));
			}
		}
		return problems;
	}

	/** The unlisted file with the entry's version and kind (for a repeatable file: its content), if any. */
	private static @Nullable FolderFile renamedTo(ManifestEntry entry, Manifest manifest, MigrationFolder folder) {
		for (FolderFile file : folder.files()) {
			if (manifest.find(file.script()) != null) {
				continue;
			}
			boolean sameVersion = entry.version() != null && entry.version().equals(file.version())
					&& entry.isUp() == (file.kind() == FolderFile.Kind.UP);
			boolean sameRepeatable = entry.version() == null && file.kind() == FolderFile.Kind.REPEATABLE
					&& entry.checksum().equals(file.checksum());
			if (sameVersion || sameRepeatable) {
				return file;
			}
		}
		return null;
	}

	private static List<ManifestProblem> outOfOrder(List<ManifestEntry> entries) {
		List<ManifestProblem> problems = new ArrayList<>();
		ManifestEntry highest = null;
		for (ManifestEntry entry : entries) {
			if (!entry.isUp()) {
				continue;
			}
			if (highest != null && entry.version().compareTo(highest.version()) < 0 && !entry.late()) {
				problems.add(new ManifestProblem(ManifestProblem.Kind.OUT_OF_ORDER, List.of(entry.script()), entry.script()
						+ " is listed after " + highest.script() + " but has a lower version without the late mark"
						+ " (a manifest merged by hand?): if the order is meant, write 'late' after its version in the"
						+ " manifest, or list it again with " + UPDATE + " -Dcairn.allowLate=" + entry.version()));
			}
			if (highest == null || entry.version().compareTo(highest.version()) > 0) {
				highest = entry;
			}
		}
		return problems;
	}

	private static @Nullable Version highestUp(List<ManifestEntry> entries) {
		Version highest = null;
		for (ManifestEntry entry : entries) {
			if (entry.isUp() && (highest == null || entry.version().compareTo(highest) > 0)) {
				highest = entry.version();
			}
		}
		return highest;
	}

	private static ManifestProblem late(FolderFile file, Version highest) {
		return new ManifestProblem(ManifestProblem.Kind.LATE, List.of(file.script()), file.script() + " is new and has version "
				+ file.version() + ", below " + highest + ", the highest listed: databases that applied " + highest
				+ " will apply it out of order (a gap); if that is meant (a branch merged late), list it marked late with "
				+ UPDATE + " -Dcairn.allowLate=" + file.version() + ", otherwise give it a version above " + highest
				+ " (mvn cairn:new -Dname=... makes the next one)");
	}

	private static String abbreviate(String checksum) {
		return checksum.substring(0, 12);
	}

	/**
	 * A manifest brought up to date.
	 *
	 * @param manifest the new manifest (meaningful only without problems)
	 * @param changes what changed, one line each ({@code added ...}, {@code changed ...}, {@code renamed ... to ...}, {@code removed ...})
	 * @param problems why the manifest cannot be written, empty when it can
	 */
	public record Update(Manifest manifest, List<String> changes, List<ManifestProblem> problems) {

	}

}
