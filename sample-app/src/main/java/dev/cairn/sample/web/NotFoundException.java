package dev.cairn.sample.web;

/**
 * A resource named in the request path does not exist; answered with 404.
 */
public class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NotFoundException(String message) {
		super(message);
	}

	public static NotFoundException of(String what, long id) {
		return new NotFoundException(what + " " + id + " does not exist");
	}

}
