-- +goose Up
DO $$
BEGIN
    INSERT INTO users (email) VALUES ('admin@example.com');
END
$$
-- +goose Down
DELETE FROM users WHERE email = 'admin@example.com'