package dev.cairn.sample.web;

/**
 * The request is well-formed but conflicts with the current data (a book already lent, a
 * duplicate ISBN); answered with 409.
 */
public class ConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ConflictException(String message) {
		super(message);
	}

}
