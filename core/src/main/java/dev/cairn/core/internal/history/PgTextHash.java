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
		int length = k.length;
		int a = 0x9e3779b9 + length + 3923095;
		int b = a;
		int c = a;
		if (seed != 0) {
			a += (int) (seed >>> 32);
			b += (int) seed;
			// mix
			a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
			b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
			c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
			a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
			b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
			c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
		}
		int at = 0;
		int left = length;
		while (left >= 12) {
			a += word(k, at);
			b += word(k, at + 4);
			c += word(k, at + 8);
			a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
			b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
			c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
			a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
			b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
			c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
			at += 12;
			left -= 12;
		}
		// The last 11 bytes; the lowest byte of c is left for the length, as PostgreSQL does.
		switch (left) {
			case 11:
				c += (k[at + 10] & 0xff) << 24;
				// fall through
			case 10:
				c += (k[at + 9] & 0xff) << 16;
				// fall through
			case 9:
				c += (k[at + 8] & 0xff) << 8;
				// fall through
			case 8:
				b += word(k, at + 4);
				a += word(k, at);
				break;
			case 7:
				b += (k[at + 6] & 0xff) << 16;
				// fall through
			case 6:
				b += (k[at + 5] & 0xff) << 8;
				// fall through
			case 5:
				b += k[at + 4] & 0xff;
				// fall through
			case 4:
				a += word(k, at);
				break;
			case 3:
				a += (k[at + 2] & 0xff) << 16;
				// fall through
			case 2:
				a += (k[at + 1] & 0xff) << 8;
				// fall through
			case 1:
				a += k[at] & 0xff;
				break;
			default:
				break;
		}
		// final
		c ^= b; c -= Integer.rotateLeft(b, 14);
		a ^= c; a -= Integer.rotateLeft(c, 11);
		b ^= a; b -= Integer.rotateLeft(a, 25);
		c ^= b; c -= Integer.rotateLeft(b, 16);
		a ^= c; a -= Integer.rotateLeft(c, 4);
		b ^= a; b -= Integer.rotateLeft(a, 14);
		c ^= b; c -= Integer.rotateLeft(b, 24);
		return ((long) b << 32) | (c & 0xffffffffL);
	}

	/** Four bytes as a little-endian word. */
	private static int word(byte[] k, int at) {
		return (k[at] & 0xff) | ((k[at + 1] & 0xff) << 8) | ((k[at + 2] & 0xff) << 16) | ((k[at + 3] & 0xff) << 24);
	}

}
