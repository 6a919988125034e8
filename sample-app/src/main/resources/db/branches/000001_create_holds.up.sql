-- Each branch of the library keeps its own holds (books put aside for a reader) in its own
-- schema; the books themselves are the library's, in public.
CREATE TABLE holds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    book_id bigint NOT NULL REFERENCES public.books (id),
    reader text NOT NULL,
    placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX holds_book_id ON holds (book_id);
