CREATE TABLE releases (version text);
