-- Offers (price, promotion, stock) change many times a day; products rarely. A separate counter
-- lets nodes refresh what depends on offers without rebuilding the in-memory product index.
ALTER TABLE catalog_version
  ADD COLUMN offers_version bigint NOT NULL DEFAULT 0,
  ADD COLUMN offers_changed_at timestamptz NOT NULL DEFAULT now();
