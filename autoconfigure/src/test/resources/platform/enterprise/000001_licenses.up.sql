-- The enterprise module's own series: it references the core track's documents.
CREATE TABLE licenses (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id),
    seats int NOT NULL CHECK (seats > 0)
);
