INSERT INTO releases VALUES ('2.13.6');
