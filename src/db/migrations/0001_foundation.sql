CREATE TABLE products (
  id text PRIMARY KEY,
  gtin text UNIQUE,
  name text NOT NULL,
  brand text,
  quantity_text text NOT NULL,
  category text NOT NULL,
  labels text[] NOT NULL DEFAULT '{}'::text[],
  sold_by text NOT NULL CHECK (sold_by IN ('unit', 'weight', 'piece')),
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  currency text NOT NULL DEFAULT 'EUR',
  image text,
  description text,
  sales_30d integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  extra jsonb,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_category_idx ON products (category);

CREATE TABLE catalog_version (
  id integer PRIMARY KEY,
  version bigint NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

CREATE TABLE stores (
  code text PRIMARY KEY,
  name text NOT NULL,
  kind text,
  timezone text NOT NULL,
  price_factor real NOT NULL DEFAULT 1,
  address jsonb NOT NULL,
  opening_hours jsonb,
  fulfillment jsonb NOT NULL,
  settings jsonb
);

CREATE TABLE offers (
  store_code text NOT NULL REFERENCES stores (code),
  product_id text NOT NULL REFERENCES products (id),
  stock real NOT NULL CHECK (stock >= 0),
  price_cents integer CHECK (price_cents >= 0),
  promotion jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_code, product_id)
);
CREATE INDEX offers_product_idx ON offers (product_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL UNIQUE,
  locale text NOT NULL DEFAULT 'fr-FR',
  store_code text REFERENCES stores (code),
  postal_code text,
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE purchase_history (
  customer_id text NOT NULL REFERENCES customers (id),
  product_id text NOT NULL REFERENCES products (id),
  times integer NOT NULL CHECK (times >= 0),
  PRIMARY KEY (customer_id, product_id)
);

CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL UNIQUE,
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
