-- Fails on line 4: the table is called orders.
UPDATE orders SET customer = upper(customer);

UPDATE order_lines SET quantity = 1;
