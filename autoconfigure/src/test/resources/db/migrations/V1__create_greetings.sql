CREATE TABLE greetings (
	id int PRIMARY KEY,
	text text NOT NULL
);
INSERT INTO greetings VALUES (1, 'hello');
