DO $$
BEGIN
  UPDATE settings SET value = '3';
END $$;
