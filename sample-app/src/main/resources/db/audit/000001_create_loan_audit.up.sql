-- The audit track: a second series of migrations with its own history table
-- (cairn_history_audit), switched on by sample.audit.enabled (SAMPLE_AUDIT_ENABLED=true).
--
-- Technique: a track that builds on another one. The trigger below reads the default track's
-- loans table, so application.yml says "after: default": order is the contract between
-- tracks, and Cairn refuses to start if this track runs after a track that is switched off.

CREATE TABLE loan_audit (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	loan_id     bigint NOT NULL,
	book_id     bigint NOT NULL,
	event       text NOT NULL CHECK (event IN ('lent', 'returned')),
	happened_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION record_loan_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO loan_audit (loan_id, book_id, event) VALUES (NEW.id, NEW.book_id, 'lent');
	ELSIF OLD.returned_at IS NULL AND NEW.returned_at IS NOT NULL THEN
		INSERT INTO loan_audit (loan_id, book_id, event) VALUES (NEW.id, NEW.book_id, 'returned');
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER loans_audit AFTER INSERT OR UPDATE OF returned_at ON loans
	FOR EACH ROW EXECUTE FUNCTION record_loan_event();
