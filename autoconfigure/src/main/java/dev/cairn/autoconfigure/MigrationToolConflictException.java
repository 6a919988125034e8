package dev.cairn.autoconfigure;

import java.util.List;

import dev.cairn.core.CairnException;

/**
 * Another migration tool is configured in the same application as Cairn.
 */
public class MigrationToolConflictException extends CairnException {

	private static final long serialVersionUID = 1L;

	private final List<String> tools;

	private final List<String> disableProperties;

	public MigrationToolConflictException(List<String> tools, List<String> disableProperties) {
		super("Cairn and " + String.join(" and ", tools) + " are both set up to migrate on start-up. Each would"
				+ " apply its own files to the database and keep its own history, so neither would know what the"
				+ " other changed.");
		this.tools = List.copyOf(tools);
		this.disableProperties = List.copyOf(disableProperties);
	}

	/** The other tools found, with their bean names. */
	public List<String> tools() {
		return this.tools;
	}

	/** The properties that switch the other tools off. */
	public List<String> disableProperties() {
		return this.disableProperties;
	}

}
