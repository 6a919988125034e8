package dev.cairn.benchmarks.corpus;

import java.util.SplittableRandom;

/**
 * Realistic migrations in groups of six around one entity table {@code e_00042}: create it,
 * alter it, add PL/pgSQL functions and a trigger, seed it, add a child table, add a view and a
 * {@code DO} block. A group only refers to tables of its own earlier steps, so any prefix of
 * the corpus applies cleanly. Semicolons sit inside dollar-quoted bodies, string literals and
 * comments on purpose: a tool that splits naively fails here.
 */
final class MixedMigrations {

	private static final int STEPS = 6;

	private static final int SEED_ROWS = 20;

	private MixedMigrations() {
	}

	static MigrationSource migration(int version) {
		int group = (version - 1) / STEPS + 1;
		String entity = String.format("e_%05d", group);
		// Seeded by the version alone, so the corpus is the same on every run.
		SplittableRandom random = new SplittableRandom(version);
		return switch ((version - 1) % STEPS) {
			case 0 -> new MigrationSource(version, "create_" + entity, createTable(version, entity));
			case 1 -> new MigrationSource(version, "alter_" + entity, alterTable(version, entity));
			case 2 -> new MigrationSource(version, "functions_for_" + entity, functions(version, entity));
			case 3 -> new MigrationSource(version, "seed_" + entity, seed(version, entity, random));
			case 4 -> new MigrationSource(version, "create_" + entity + "_lines", childTable(version, entity));
			default -> new MigrationSource(version, "report_view_for_" + entity, view(version, entity));
		};
	}

	private static String createTable(int version, String entity) {
		return """
				-- Migration %1$d: the %2$s table; amounts are in cents.
				-- Statuses are lower case; see the trigger added two migrations later.
				CREATE TABLE %2$s (
					id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
					name text NOT NULL,
					amount_cents integer NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
					status varchar(20) NOT NULL DEFAULT 'new',
					created_at timestamptz NOT NULL DEFAULT now(),
					attributes jsonb
				);

				CREATE INDEX %2$s_created_at_idx ON %2$s (created_at);
				CREATE INDEX %2$s_status_name_idx ON %2$s (status, name) WHERE status <> 'archived';
				COMMENT ON TABLE %2$s IS 'Created by migration %1$d; seeded later.';
				COMMENT ON COLUMN %2$s.amount_cents IS 'Never negative; in cents.';
				""".formatted(version, entity);
	}

	private static String alterTable(int version, String entity) {
		return """
				/* Migration %1$d: priorities and moods for %2$s.
				   Adds columns; nothing is rewritten; defaults are constants. */
				CREATE TYPE %2$s_mood AS ENUM ('calm', 'busy', 'stormy');
				ALTER TABLE %2$s ADD COLUMN note text;
				ALTER TABLE %2$s ADD COLUMN priority smallint NOT NULL DEFAULT 3;
				ALTER TABLE %2$s ADD COLUMN mood %2$s_mood;
				ALTER TABLE %2$s ADD CONSTRAINT %2$s_priority_check CHECK (priority BETWEEN 1 AND 5);
				CREATE UNIQUE INDEX %2$s_name_key ON %2$s (lower(name));
				""".formatted(version, entity);
	}

	private static String functions(int version, String entity) {
		return """
				-- Migration %1$d: functions; their bodies contain semicolons.
				CREATE FUNCTION %2$s_total(p_status text) RETURNS bigint
				LANGUAGE plpgsql STABLE AS $$
				DECLARE
					total bigint := 0; -- running total; starts at zero
				BEGIN
					SELECT coalesce(sum(amount_cents), 0) INTO total FROM %2$s WHERE status = p_status;
					IF total < 0 THEN
						RAISE EXCEPTION 'negative total; status %%', p_status;
					END IF;
					RETURN total;
				END;
				$$;

				CREATE FUNCTION %2$s_normalise() RETURNS trigger
				LANGUAGE plpgsql AS $fn$
				BEGIN
					NEW.status := lower(NEW.status);
					NEW.name := btrim(NEW.name, ' ;');
					RETURN NEW;
				END;
				$fn$;

				CREATE TRIGGER %2$s_normalise_trigger BEFORE INSERT OR UPDATE ON %2$s
					FOR EACH ROW EXECUTE FUNCTION %2$s_normalise();
				""".formatted(version, entity);
	}

	private static String seed(int version, String entity, SplittableRandom random) {
		StringBuilder sql = new StringBuilder().append("-- Migration ")
			.append(version)
			.append(": seed data; names carry semicolons and quotes.\n")
			.append("INSERT INTO ")
			.append(entity)
			.append(" (name, amount_cents, status, note, priority, mood, attributes) VALUES\n");
		String[] statuses = { "NEW", "Paid", "shipped", "archived" };
		String[] moods = { "calm", "busy", "stormy" };
		for (int row = 1; row <= SEED_ROWS; row++) {
			sql.append("\t('item ")
				.append(row)
				.append("; of ")
				.append(entity)
				.append("', ")
				.append(random.nextInt(100_000))
				.append(", '")
				.append(statuses[random.nextInt(statuses.length)])
				.append("', 'it''s row ")
				.append(row)
				.append("', ")
				.append(1 + random.nextInt(5))
				.append(", '")
				.append(moods[random.nextInt(moods.length)])
				.append("', '{\"row\": ")
				.append(row)
				.append(", \"tags\": [\"a;b\", \"c\"]}')")
				.append((row < SEED_ROWS) ? ",\n" : ";\n");
		}
		sql.append("UPDATE ").append(entity).append(" SET priority = 1 WHERE amount_cents > 90000;\n");
		return sql.toString();
	}

	private static String childTable(int version, String entity) {
		return """
				-- Migration %1$d: order lines of %2$s.
				CREATE TABLE %2$s_lines (
					id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
					parent_id bigint NOT NULL REFERENCES %2$s (id) ON DELETE CASCADE,
					position integer NOT NULL,
					quantity numeric(12, 3) NOT NULL DEFAULT 1,
					UNIQUE (parent_id, position)
				);
				CREATE INDEX %2$s_lines_parent_idx ON %2$s_lines (parent_id);
				INSERT INTO %2$s_lines (parent_id, position, quantity)
					SELECT id, 1, amount_cents / 100.0 FROM %2$s ORDER BY name;
				""".formatted(version, entity);
	}

	private static String view(int version, String entity) {
		return """
				-- Migration %1$d: a report view, and an index made only if missing.
				CREATE VIEW %2$s_report AS
					SELECT status, count(*) AS orders, %2$s_total(status) AS total_cents
					FROM %2$s GROUP BY status;

				DO $do$
				BEGIN
					IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = '%2$s_mood_idx') THEN
						EXECUTE 'CREATE INDEX %2$s_mood_idx ON %2$s (mood)';
					END IF;
				END;
				$do$;
				""".formatted(version, entity);
	}

}
