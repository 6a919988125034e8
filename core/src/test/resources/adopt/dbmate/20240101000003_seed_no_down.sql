-- migrate:up
do $$
begin
  insert into users (email) values ('admin@example.com');
end
$$