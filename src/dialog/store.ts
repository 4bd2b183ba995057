import { randomUUID } from "node:crypto";
import type { Database } from "../db/index.js";
import { type ConversationState, EMPTY_STATE } from "./state.js";
import type { Reply, Turn } from "./types.js";

/**
 * Conversations in the database. Turns of one conversation are applied one at a time,
 * whichever node receives them: the node applying a turn holds a short lease on the row (an
 * atomic conditional UPDATE), and the turn's effects, its stored reply and the new state are
 * written together when it releases the lease. A lease, rather than a row lock held through
 * the turn, because the turn's cart and order changes run in their own transactions (and
 * PGlite runs one transaction at a time).
 */

export type Owner =
  | { kind: "anonymous"; tokenHash: string }
  | { kind: "shopper"; customerId: string }
  | { kind: "key"; keyId: string | null };

export interface ConversationRecord extends ConversationState {
  id: string;
  owner: Owner;
  customerId: string | null;
  storeCode: string;
  locale: string;
  version: number;
}

export interface StoredTurn {
  seq: number;
  turnId: string | null;
  request: Turn;
  reply: Reply;
  createdAt: Date;
}

interface Row {
  id: string;
  owner_kind: Owner["kind"];
  owner_id: string | null;
  token_hash: string | null;
  customer_id: string | null;
  store_code: string;
  locale: string;
  pending: ConversationState["pending"];
  last_change: ConversationState["lastChange"];
  context: ConversationState["context"] | null;
  version: number;
}

const COLUMNS =
  "id, owner_kind, owner_id, token_hash, customer_id, store_code, locale, pending, last_change, context, version";

function fromRow(r: Row): ConversationRecord {
  const owner: Owner =
    r.owner_kind === "anonymous"
      ? { kind: "anonymous", tokenHash: r.token_hash ?? "" }
      : r.owner_kind === "shopper"
        ? { kind: "shopper", customerId: r.owner_id ?? "" }
        : { kind: "key", keyId: r.owner_id };
  return {
    id: r.id,
    owner,
    customerId: r.customer_id,
    storeCode: r.store_code,
    locale: r.locale,
    pending: r.pending ?? EMPTY_STATE.pending,
    lastChange: r.last_change ?? null,
    context: r.context ?? {},
    version: Number(r.version),
  };
}

export class ConversationBusyError extends Error {
  readonly code = "conversation_busy";
}

export interface ClaimInput {
  owner: Owner;
  customerId: string | null;
  storeCode: string;
  locale: string;
}

export interface Lease {
  token: string;
  record: ConversationRecord;
  created: boolean;
}

export interface StoreOptions {
  /** How long a node may hold a conversation before another may take it over (crash safety). */
  leaseMs?: number;
  /** How long a turn waits for the one before it. */
  waitMs?: number;
}

export type ConversationStore = ReturnType<typeof createConversationStore>;

export function createConversationStore(db: Database, options: StoreOptions = {}) {
  const leaseMs = options.leaseMs ?? 30_000;
  const waitMs = options.waitMs ?? 20_000;

  async function tryClaim(id: string, token: string): Promise<Row | null> {
    const rows = await db.query<Row>(
      `UPDATE conversations SET lease_token = $2, lease_until = clock_timestamp() + ($3 || ' milliseconds')::interval
       WHERE id = $1 AND (lease_token IS NULL OR lease_until < clock_timestamp())
       RETURNING ${COLUMNS}`,
      [id, token, String(leaseMs)],
    );
    return rows[0] ?? null;
  }

  return {
    async get(id: string): Promise<ConversationRecord | null> {
      const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM conversations WHERE id = $1`, [id]);
      return rows[0] ? fromRow(rows[0]) : null;
    },

    /**
     * Takes the conversation for one turn, creating it on its first turn. Waits (with backoff)
     * while another node applies an earlier turn; throws ConversationBusyError after `waitMs`.
     */
    async claim(id: string, input: ClaimInput): Promise<Lease> {
      const token = randomUUID();
      const ownerId =
        input.owner.kind === "shopper"
          ? input.owner.customerId
          : input.owner.kind === "key"
            ? input.owner.keyId
            : null;
      const inserted = await db.query<Row>(
        `INSERT INTO conversations (id, owner_kind, owner_id, token_hash, customer_id, store_code, locale, lease_token, lease_until)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp() + ($9 || ' milliseconds')::interval)
         ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
        [
          id,
          input.owner.kind,
          ownerId,
          input.owner.kind === "anonymous" ? input.owner.tokenHash : null,
          input.customerId,
          input.storeCode,
          input.locale,
          token,
          String(leaseMs),
        ],
      );
      if (inserted[0]) return { token, record: fromRow(inserted[0]), created: true };
      const deadline = Date.now() + waitMs;
      let delay = 5;
      for (;;) {
        const row = await tryClaim(id, token);
        if (row) return { token, record: fromRow(row), created: false };
        if (Date.now() > deadline) {
          throw new ConversationBusyError("This conversation is busy with another turn; try again");
        }
        await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 100);
      }
    },

    /** Gives the lease back without changing anything (the turn failed or was a replay). */
    async release(lease: Lease): Promise<void> {
      await db.query(
        "UPDATE conversations SET lease_token = NULL, lease_until = NULL WHERE id = $1 AND lease_token = $2",
        [lease.record.id, lease.token],
      );
    },

    /** The reply stored for a turn id already applied, if any. */
    async storedReply(conversationId: string, turnId: string): Promise<Reply | null> {
      const rows = await db.query<{ reply: Reply }>(
        "SELECT reply FROM conversation_turns WHERE conversation_id = $1 AND turn_id = $2",
        [conversationId, turnId],
      );
      return rows[0]?.reply ?? null;
    },

    /**
     * Records the turn and its reply, saves the new state and releases the lease, atomically.
     * Fails when the lease was lost (the turn outlived `leaseMs`), so that two nodes never both
     * write a state.
     */
    async commit(
      lease: Lease,
      next: ConversationState & { customerId: string | null; locale: string },
      turn: Turn,
      reply: Reply,
    ): Promise<void> {
      await db.rawTransaction(async (exec) => {
        const updated = await exec(
          `UPDATE conversations SET pending = $3, last_change = $4, context = $5, customer_id = $6, locale = $7,
             version = version + 1, lease_token = NULL, lease_until = NULL, updated_at = clock_timestamp()
           WHERE id = $1 AND lease_token = $2 RETURNING version`,
          [
            lease.record.id,
            lease.token,
            next.pending === null ? null : JSON.stringify(next.pending),
            next.lastChange === null ? null : JSON.stringify(next.lastChange),
            JSON.stringify(next.context),
            next.customerId,
            next.locale,
          ],
        );
        if (updated.length === 0)
          throw new ConversationBusyError("The turn took too long and was superseded");
        await exec(
          `INSERT INTO conversation_turns (conversation_id, seq, turn_id, request, reply)
           VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM conversation_turns WHERE conversation_id = $1), $2, $3, $4)`,
          [lease.record.id, turn.turnId ?? null, JSON.stringify(turn), JSON.stringify(reply)],
        );
      });
    },

    async transcript(conversationId: string): Promise<StoredTurn[]> {
      const rows = await db.query<{
        seq: number;
        turn_id: string | null;
        request: Turn;
        reply: Reply;
        created_at: Date;
      }>(
        "SELECT seq, turn_id, request, reply, created_at FROM conversation_turns WHERE conversation_id = $1 ORDER BY seq",
        [conversationId],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        turnId: r.turn_id,
        request: r.request,
        reply: r.reply,
        createdAt: new Date(r.created_at),
      }));
    },
  };
}
