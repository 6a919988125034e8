package dev.cairn.core.internal.scan;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum rule: SHA-256 over the file's bytes after removing a leading UTF-8 byte order
 * mark and turning every CRLF into LF, as lower-case hex. A checkout that only changes line
 * endings (git {@code autocrlf} on Windows) or an editor that adds a BOM is therefore not
 * drift; any other byte change is.
 */
public final class Checksums {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private Checksums() {
	}

	public static String of(byte[] content) {
		MessageDigest digest = sha256();
		int start = hasBom(content) ? BOM.length : 0;
		int runStart = start;
		for (int i = start; i < content.length - 1; i++) {
			if (content[i] == '\r' && content[i + 1] == '\n') {
				digest.update(content, runStart, i - runStart);
				runStart = i + 1;
			}
		}
		digest.update(content, runStart, content.length - runStart);
		return HexFormat.of().formatHex(digest.digest());
	}

	public static boolean hasBom(byte[] content) {
		return content.length >= 3 && content[0] == BOM[0] && content[1] == BOM[1] && content[2] == BOM[2];
	}

	// Looking the algorithm up costs more than hashing a small file; clones are cheap.
	private static final MessageDigest PROTOTYPE = lookUp();

	private static MessageDigest sha256() {
		try {
			return (MessageDigest) PROTOTYPE.clone();
		}
		catch (CloneNotSupportedException ex) {
			return lookUp();
		}
	}

	private static MessageDigest lookUp() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
