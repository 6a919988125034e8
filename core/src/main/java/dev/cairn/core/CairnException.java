package dev.cairn.core;

/**
 * Base of every failure Cairn reports. Messages say what went wrong, where, and what to do
 * next; the stack trace is never the primary message.
 */
public class CairnException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CairnException(String message) {
		super(message);
	}

	public CairnException(String message, Throwable cause) {
		super(message, cause);
	}

}
