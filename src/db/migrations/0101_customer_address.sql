-- A shopper's saved delivery address (street, postal code, city...): a voice order can then be
-- delivered without spelling an address; each order keeps its own copy.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS delivery_address jsonb;
