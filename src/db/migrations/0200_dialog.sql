-- Conversations live in the database so that any API node can take the next turn.
CREATE TABLE conversations (
  id text PRIMARY KEY,
  -- Who created it, and so who may continue it: 'anonymous' (token_hash), 'shopper' or 'key' (owner_id).
  owner_kind text NOT NULL CHECK (owner_kind IN ('anonymous', 'shopper', 'key')),
  owner_id text,
  token_hash text,
  customer_id text REFERENCES customers (id),
  store_code text NOT NULL REFERENCES stores (code),
  locale text NOT NULL,
  -- The question waiting for an answer (its kind, options, id) and what the next turn may refer to.
  pending jsonb,
  -- The last change to the cart, so that "annule" can undo it.
  last_change jsonb,
  context jsonb NOT NULL DEFAULT '{}'::jsonb,
  version integer NOT NULL DEFAULT 0,
  -- One turn at a time whichever node receives it: the node applying a turn holds the lease.
  lease_token text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_customer_idx ON conversations (customer_id);

CREATE TABLE conversation_turns (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  -- The platform's turn id: a repeated one returns the stored reply without acting again.
  turn_id text,
  request jsonb NOT NULL,
  reply jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq)
);
CREATE UNIQUE INDEX conversation_turns_turn_id_idx ON conversation_turns (conversation_id, turn_id)
  WHERE turn_id IS NOT NULL;

-- An optional spoken PIN a shopper sets to confirm voice orders; only a salted hash is kept.
CREATE TABLE voice_pins (
  customer_id text PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  pin_hash text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
