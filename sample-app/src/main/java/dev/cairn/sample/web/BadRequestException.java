package dev.cairn.sample.web;

/**
 * The request body refers to something that does not exist (a book by an unknown author);
 * answered with 400, since the path itself was found.
 */
public class BadRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public BadRequestException(String message) {
		super(message);
	}

}
