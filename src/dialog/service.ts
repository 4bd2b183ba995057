import { createHash, timingSafeEqual } from "node:crypto";
import type { Commerce } from "../commerce/index.js";
import type { Database } from "../db/index.js";
import type { ActDeps, TurnCtx } from "./acts/context.js";
import { respond } from "./engine.js";
import { createPins } from "./pins.js";
import type { Understander } from "./ports.js";
import { langOf } from "./speech/index.js";
import { type ConversationRecord, type Owner, type StoredTurn, createConversationStore } from "./store.js";
import type { Reply, Turn } from "./types.js";

export interface DialogOptions {
  db: Database;
  commerce: Commerce;
  understander: Understander;
  /** The clock (slot phrases, cut-offs); tests inject one. */
  now?: () => Date;
  leaseMs?: number;
  waitMs?: number;
}

/** Who sends a turn, for the access rule "only its creator may continue a conversation". */
export interface TurnAccess {
  owner: Owner;
}

export class ConversationNotFoundError extends Error {
  readonly code = "conversation_not_found";
}

export function hashConversationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function sameOwner(a: Owner, b: Owner): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "anonymous" && b.kind === "anonymous") {
    const x = Buffer.from(a.tokenHash);
    const y = Buffer.from(b.tokenHash);
    return x.length === y.length && timingSafeEqual(x, y);
  }
  if (a.kind === "shopper" && b.kind === "shopper") return a.customerId === b.customerId;
  if (a.kind === "key" && b.kind === "key") return a.keyId === b.keyId;
  return false;
}

export type DialogService = ReturnType<typeof createDialog>;

const MAX_TEXT = 2000;
// Control characters (NUL cannot even be stored in PostgreSQL text) carry nothing a shopper said.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The turn as the dialog stores and reads it: no control characters, bounded text. */
function clean(turn: Turn): Turn {
  const text = (s: string) => s.replace(CONTROL, " ").slice(0, MAX_TEXT);
  return {
    ...turn,
    text: text(turn.text ?? ""),
    ...(turn.alternatives ? { alternatives: turn.alternatives.slice(0, 10).map(text) } : {}),
  };
}

/**
 * The conversation: `handle(turn)` applies one turn and returns the reply. State lives in the
 * database, so any node may take the next turn; a repeated turnId returns the stored reply.
 */
export function createDialog(options: DialogOptions) {
  const store = createConversationStore(options.db, { leaseMs: options.leaseMs, waitMs: options.waitMs });
  const pins = createPins(options.db);
  const now = options.now ?? options.commerce.now;
  const deps: ActDeps = {
    db: options.db,
    commerce: options.commerce,
    understander: options.understander,
    now,
    pins,
  };

  return {
    pins,

    /** Channels call this without `access` (they authenticate the platform themselves). */
    async handle(received: Turn, access?: TurnAccess): Promise<Reply> {
      const turn = clean(received);
      const owner: Owner = access?.owner ?? { kind: "key", keyId: null };
      // An unknown store is the caller's mistake (404 store_not_found), not a broken conversation.
      await options.commerce.slots.rules(turn.storeId);
      const lease = await store.claim(turn.conversationId, {
        owner,
        customerId: turn.customerId ?? null,
        storeCode: turn.storeId,
        locale: turn.locale,
      });
      let committed = false;
      try {
        const record = lease.record;
        if (access && !sameOwner(record.owner, owner)) {
          throw new ConversationNotFoundError("This conversation was not found");
        }
        if (turn.turnId) {
          const stored = await store.storedReply(record.id, turn.turnId);
          if (stored) return stored;
        }
        const ctx = await contextFor(record, turn);
        const reply = await respond(ctx);
        await store.commit(
          lease,
          {
            pending: ctx.state.pending,
            lastChange: ctx.state.lastChange,
            context: ctx.state.context,
            customerId: ctx.customerId,
            locale: turn.locale || record.locale,
          },
          turn,
          reply,
        );
        committed = true;
        return reply;
      } finally {
        if (!committed) await store.release(lease).catch(() => {});
      }
    },

    /** The conversation's record (owner, store, state), or null. */
    get: (id: string): Promise<ConversationRecord | null> => store.get(id),

    transcript: (id: string): Promise<StoredTurn[]> => store.transcript(id),
  };

  async function contextFor(record: ConversationRecord, turn: Turn): Promise<TurnCtx> {
    const customerId = turn.customerId ?? record.customerId;
    const storeCode = record.storeCode;
    const rules = await options.commerce.slots.rules(storeCode);
    const cart = await options.commerce.carts.open({ storeCode, customerId, conversationId: record.id });
    return {
      turn,
      lang: langOf(turn.locale || record.locale),
      conversationId: record.id,
      customerId,
      storeCode,
      rules,
      cart,
      state: {
        pending: record.pending,
        lastChange: record.lastChange,
        context: { ...record.context },
      },
      deps,
    };
  }
}
