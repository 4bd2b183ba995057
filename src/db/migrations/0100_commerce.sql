-- Commerce core (issue 5): carts, slots and holds, orders, idempotency keys, shopper sessions.
-- Times are UTC (timestamptz); money in integer cents; weights in grams.

CREATE TABLE carts (
  id text PRIMARY KEY,
  store_code text NOT NULL REFERENCES stores (code),
  customer_id text REFERENCES customers (id),
  conversation_id text,
  -- open: being filled; ordered: turned into an order; merged: folded into the shopper's cart.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ordered', 'merged')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- One open cart per shopper and store; one open anonymous cart per conversation and store.
CREATE UNIQUE INDEX carts_open_shopper_idx ON carts (customer_id, store_code)
  WHERE status = 'open' AND customer_id IS NOT NULL;
CREATE UNIQUE INDEX carts_open_conversation_idx ON carts (conversation_id, store_code)
  WHERE status = 'open' AND customer_id IS NULL AND conversation_id IS NOT NULL;

CREATE TABLE cart_lines (
  cart_id text NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  product_id text NOT NULL REFERENCES products (id),
  quantity integer CHECK (quantity > 0),
  weight_g integer CHECK (weight_g > 0),
  substitution text NOT NULL DEFAULT 'allow' CHECK (substitution IN ('allow', 'refuse', 'alternative')),
  substitute_product_id text REFERENCES products (id),
  position serial,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, product_id),
  CHECK ((quantity IS NULL) <> (weight_g IS NULL))
);

CREATE TABLE slots (
  id text PRIMARY KEY,
  store_code text NOT NULL REFERENCES stores (code),
  mode text NOT NULL CHECK (mode IN ('delivery', 'pickup')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity >= 0),
  UNIQUE (store_code, mode, starts_at)
);

-- A hold counts against its slot's capacity while held and unexpired, or once ordered.
CREATE TABLE slot_holds (
  id text PRIMARY KEY,
  slot_id text NOT NULL REFERENCES slots (id),
  cart_id text NOT NULL REFERENCES carts (id),
  status text NOT NULL CHECK (status IN ('held', 'released', 'ordered', 'cancelled')),
  address jsonb,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX slot_holds_slot_idx ON slot_holds (slot_id, status);
CREATE INDEX slot_holds_cart_idx ON slot_holds (cart_id, status);

CREATE TABLE orders (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  store_code text NOT NULL REFERENCES stores (code),
  cart_id text NOT NULL REFERENCES carts (id),
  hold_id text REFERENCES slot_holds (id),
  slot_id text NOT NULL REFERENCES slots (id),
  mode text NOT NULL CHECK (mode IN ('delivery', 'pickup')),
  slot_starts_at timestamptz NOT NULL,
  slot_ends_at timestamptz NOT NULL,
  cutoff_at timestamptz NOT NULL,
  address jsonb,
  status text NOT NULL CHECK (status IN ('placed', 'preparing', 'ready', 'out_for_delivery', 'completed', 'cancelled')),
  payment_method text NOT NULL,
  payment_status text NOT NULL CHECK (payment_status IN ('pending', 'paid', 'refunded', 'voided')),
  items_cents integer NOT NULL,
  savings_cents integer NOT NULL,
  fee_cents integer NOT NULL,
  total_cents integer NOT NULL,
  final_items_cents integer,
  final_total_cents integer,
  vat jsonb NOT NULL,
  cancelled_by text,
  cancel_reason text,
  placed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC);

CREATE TABLE order_lines (
  order_id text NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  position integer NOT NULL,
  product_id text NOT NULL REFERENCES products (id),
  gtin text,
  name text NOT NULL,
  sold_by text NOT NULL,
  quantity integer,
  weight_g integer,
  final_weight_g integer,
  unit_price_cents integer NOT NULL,
  promotion jsonb,
  saving_cents integer NOT NULL,
  total_cents integer NOT NULL,
  final_total_cents integer,
  vat_rate real NOT NULL,
  substitution text NOT NULL,
  substitute_product_id text,
  PRIMARY KEY (order_id, position)
);

-- Idempotency-Key per caller: the first request's body hash and result; replays return it.
CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  order_id text REFERENCES orders (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

-- Shopper sessions: only a hash of the token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_customer_idx ON sessions (customer_id);
