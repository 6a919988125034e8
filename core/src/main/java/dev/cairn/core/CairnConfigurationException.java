package dev.cairn.core;

/**
 * A configuration value is unusable. The message names the setting and says what to do.
 */
public class CairnConfigurationException extends CairnException {

	private static final long serialVersionUID = 1L;

	public CairnConfigurationException(String message) {
		super(message);
	}

	public CairnConfigurationException(String message, Throwable cause) {
		super(message, cause);
	}

}
