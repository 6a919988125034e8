package dev.cairn.core.internal.history;

/**
 * PostgreSQL's {@code hashtextextended(text, seed)} for text in a deterministic collation on a
 * little-endian server: Bob Jenkins' lookup3 over the text's bytes with a 64-bit result, as
 * PostgreSQL computes it for hash partitioning (which is why it does not change between
 * versions). Used to compare history with the files by a sum of hashes the server computes
 * without sorting or sending the rows; a server that hashes otherwise (big-endian, another
 * encoding) only makes the comparison fail, never pass.
 */
final class PgTextHash {

	private PgTextHash() {
	}

	static long hash(byte[] k, long seed) {
		int initial = 0x9e3779b9 + k.length + 3923095;
		int[] abc = { initial, initial, initial };
		if (seed != 0) {
			abc[0] += (int) (seed >>> 32);
			abc[1] += (int) seed;
			mix(abc);
		}
		int at = 0;
		for (; k.length - at >= 12; at += 12) {
			abc[0] += word(k, at);
			abc[1] += word(k, at + 4);
			abc[2] += word(k, at + 8);
			mix(abc);
		}
		// The last 11 bytes, little-endian into a, b and c; the lowest byte of c is left for the length.
		for (int i = 0; at + i < k.length; i++) {
			int value = k[at + i] & 0xff;
			abc[(i < 4) ? 0 : (i < 8) ? 1 : 2] += value << (8 * ((i < 8) ? i % 4 : i - 7));
		}
		finish(abc);
		return ((long) abc[1] << 32) | (abc[2] & 0xffffffffL);
	}

	private static void mix(int[] abc) {
		int a = abc[0];
		int b = abc[1];
		int c = abc[2];
		a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
		b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
		c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
		a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
		b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
		c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
		abc[0] = a;
		abc[1] = b;
		abc[2] = c;
	}

	private static void finish(int[] abc) {
		int a = abc[0];
		int b = abc[1];
		int c = abc[2];
		c ^= b; c -= Integer.rotateLeft(b, 14);
		a ^= c; a -= Integer.rotateLeft(c, 11);
		b ^= a; b -= Integer.rotateLeft(a, 25);
		c ^= b; c -= Integer.rotateLeft(b, 16);
		a ^= c; a -= Integer.rotateLeft(c, 4);
		b ^= a; b -= Integer.rotateLeft(a, 14);
		c ^= b; c -= Integer.rotateLeft(b, 24);
		abc[0] = a;
		abc[1] = b;
		abc[2] = c;
	}

	/** Four bytes as a little-endian word. */
	private static int word(byte[] k, int at) {
		return (k[at] & 0xff) | ((k[at + 1] & 0xff) << 8) | ((k[at + 2] & 0xff) << 16) | ((k[at + 3] & 0xff) << 24);
	}

}
