-- migrate:up transaction:false
create index concurrently users_email on users (email);

-- migrate:down transaction:false
drop index concurrently users_email;
