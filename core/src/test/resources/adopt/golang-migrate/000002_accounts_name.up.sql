-- morph:nontransactional
CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);
