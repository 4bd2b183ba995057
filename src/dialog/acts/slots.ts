import { CommerceError } from "../../commerce/index.js";
import { fold } from "../../language/index.js";
import { type DeliveryAddress, type FulfilmentMode, type Slot, localParts } from "../../stores/index.js";
import { isNo, isNone, ordinalAnswer } from "../answers.js";
import { type Lang, type Piece, type Sentence, cardinal } from "../speech/index.js";
import type { SlotOption } from "../state.js";
import type { Reply } from "../types.js";
import { type SlotWindow, parseSlotPhrase } from "../when/phrases.js";
import { L, type TurnCtx, reply } from "./context.js";

const MAX_OFFERED = 3;

/** "samedi 28 novembre de 10 h à 11 h" on screen; the hours as words aloud. */
export function slotPieces(lang: Lang, timeZone: string, startsAt: Date, endsAt: Date): Piece[] {
  const locale = lang === "fr" ? "fr-FR" : "en-GB";
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(startsAt);
  const clock = (d: Date): Piece => {
    const p = localParts(d, timeZone);
    if (lang === "fr") {
      const screen = p.minute ? `${p.hour} h ${String(p.minute).padStart(2, "0")}` : `${p.hour} h`;
      const voice = `${cardinal(p.hour, "fr")} heure${p.hour > 1 ? "s" : ""}${p.minute ? ` ${cardinal(p.minute, "fr")}` : ""}`;
      return { screen, voice };
    }
    const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
    const suffix = p.hour < 12 ? "am" : "pm";
    const screen = p.minute ? `${h12}:${String(p.minute).padStart(2, "0")} ${suffix}` : `${h12} ${suffix}`;
    const voice = `${cardinal(h12, "en")}${p.minute ? ` ${cardinal(p.minute, "en")}` : ""} ${suffix === "am" ? "a.m." : "p.m."}`;
    return { screen, voice };
  };
  return lang === "fr"
    ? [`${day} de `, clock(startsAt), " à ", clock(endsAt)]
    : [`${day} from `, clock(startsAt), " to ", clock(endsAt)];
}

function modeAsked(text: string): FulfilmentMode | null {
  const t = fold(text);
  if (/\b(livr|delivr|deliver|a domicile|home)/.test(t)) return "delivery";
  if (/\b(retrait|retirer|drive|click|collect|pick ?up|en magasin|recuperer)/.test(t)) return "pickup";
  return null;
}

function chooseMode(ctx: TurnCtx, text: string): FulfilmentMode | null {
  const asked = modeAsked(text);
  if (asked && ctx.rules.modes[asked]) return asked;
  if (ctx.cart.hold && ctx.rules.modes[ctx.cart.hold.slot.mode]) return ctx.cart.hold.slot.mode;
  if (ctx.rules.modes.pickup) return "pickup";
  if (ctx.rules.modes.delivery) return "delivery";
  return null;
}

/** Slots ranked for a window: those meeting it first, nearest the time aimed at. */
export function rankSlots(slots: Slot[], window: SlotWindow | null, now: Date): Slot[] {
  const free = slots.filter((s) => s.available > 0);
  const preferred = window?.preferred?.getTime();
  const target = preferred ?? window?.start.getTime() ?? now.getTime();
  const gap = (s: Slot): number => {
    if (!window) return 0;
    const a = s.startsAt.getTime();
    const b = s.endsAt.getTime();
    // A time aimed at ("vers 18 h", "à 18 h 30"): the slot holding it first, then the nearest.
    if (preferred !== undefined) {
      return a <= preferred && preferred < b ? 0 : Math.min(Math.abs(a - preferred), Math.abs(b - preferred));
    }
    const from = window.start.getTime();
    const to = Math.max(window.end.getTime(), from + 1);
    if (b <= from) return from - b + 1;
    if (a >= to) return a - to + 1;
    return 0;
  };
  return free
    .map((s) => ({ s, g: gap(s), d: Math.abs(s.startsAt.getTime() - target) }))
    .sort((x, y) => x.g - y.g || x.d - y.d || x.s.startsAt.getTime() - y.s.startsAt.getTime())
    .map((x) => x.s);
}

/** Where a delivery goes: the shopper's saved address, else their account's postal code. */
async function addressFor(ctx: TurnCtx): Promise<DeliveryAddress | null> {
  if (!ctx.customerId) return null;
  const saved = await ctx.deps.commerce.customers.deliveryAddress(ctx.customerId);
  if (saved) return saved;
  // Demo and imported shoppers have only a postal code: enough for the zone check; the store
  // confirms the street when it calls before delivery.
  const rows = await ctx.deps.db.query<{ name: string; postal_code: string | null }>(
    "SELECT name, postal_code FROM customers WHERE id = $1",
    [ctx.customerId],
  );
  const row = rows[0];
  if (!row?.postal_code) return null;
  return {
    name: row.name,
    street: L(ctx, "Adresse du compte", "Account address"),
    postal_code: row.postal_code,
    city: "",
  };
}

/** "Réserve samedi vers 10 h": holds the slot that fits, or offers the nearest free ones. */
export async function bookSlot(ctx: TurnCtx, text: string, thenCheckout = false): Promise<Reply> {
  const mode = chooseMode(ctx, text);
  if (!mode)
    return reply(ctx, "book_slot", [
      L(ctx, ["Ce magasin ne propose pas de créneaux."], ["This store has no slots."]),
    ]);
  const window = parseSlotPhrase(text, {
    now: ctx.deps.now(),
    timeZone: ctx.rules.timezone,
    locale: ctx.turn.locale,
  });
  const slots = await ctx.deps.commerce.slots.list(ctx.storeCode, mode);
  const ranked = rankSlots(slots, window, ctx.deps.now());
  if (ranked.length === 0) {
    return reply(ctx, "book_slot", [
      L(ctx, ["Il n'y a plus de créneau libre pour le moment."], ["There are no free slots at the moment."]),
    ]);
  }
  const fits = window ? ranked.filter((s) => fitsWindow(s, window)) : [];
  const precise = window && (window.precision === "time" || window.precision === "around");
  if (window && fits.length > 0 && (precise || fits.length === 1))
    return holdSlot(ctx, fits[0]!, thenCheckout);
  // Several slots fit the phrase: offer those; none fits: the nearest ones.
  const offered = (fits.length > 0 ? fits : ranked).slice(0, MAX_OFFERED);
  const options: SlotOption[] = offered.map((s) => ({
    slotId: s.id,
    mode: s.mode,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
  }));
  ctx.state.pending = { kind: "slot", id: crypto.randomUUID(), options, thenCheckout };
  const intro: Sentence =
    window && fits.length === 0
      ? L(ctx, ["Ce créneau n'est pas disponible."], ["That time isn't available."])
      : [];
  const spoken = speakSlots(ctx, offered);
  const modeWord = mode === "delivery" ? L(ctx, "livraison", "delivery") : L(ctx, "retrait", "pickup");
  return reply(
    ctx,
    "book_slot",
    [
      intro,
      L(
        ctx,
        [`Les créneaux de ${modeWord} les plus proches : `, ...spoken, ". Lequel ?"],
        [`The nearest ${modeWord} slots: `, ...spoken, ". Which one?"],
      ),
    ],
    {
      awaiting: "slot",
      options: offered.map((s, i) => ({
        index: i + 1,
        value: s.id,
        label: slotLabel(ctx, s.startsAt, s.endsAt),
      })),
      suggestions: offered.map((s) => slotLabel(ctx, s.startsAt, s.endsAt)),
    },
  );
}

/** Whether a slot answers the phrase: holds the time said, or lies within the window said. */
export function fitsWindow(s: Slot, w: SlotWindow): boolean {
  const a = s.startsAt.getTime();
  const b = s.endsAt.getTime();
  const from = w.start.getTime();
  const to = w.end.getTime();
  if (w.precision === "time") return a <= from && from < b;
  if (w.precision === "around") return a < to && b > from;
  return a >= from && b <= to;
}

/** The offered slots aloud; the day is said once when they all fall on the same day. */
function speakSlots(ctx: TurnCtx, offered: Slot[]): Piece[] {
  const tz = ctx.rules.timezone;
  const dayOf = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: tz }).format(d);
  const sameDay = offered.every((s) => dayOf(s.startsAt) === dayOf(offered[0]!.startsAt));
  const spoken: Piece[] = [];
  offered.forEach((s, i) => {
    if (i > 0) spoken.push(i === offered.length - 1 ? L(ctx, " ou ", " or ") : ", ", { pause: 200 });
    const pieces = slotPieces(ctx.lang, tz, s.startsAt, s.endsAt);
    // pieces = [day + " de "/" from ", start, " à "/" to ", end]
    if (sameDay && i > 0) spoken.push(L(ctx, "de ", "from "), ...pieces.slice(1));
    else spoken.push(...pieces);
  });
  return spoken;
}

function slotLabel(ctx: TurnCtx, a: Date, b: Date): string {
  return slotPieces(ctx.lang, ctx.rules.timezone, a, b)
    .map((p) => (typeof p === "string" ? p : "screen" in p ? p.screen : ""))
    .join("");
}

async function holdSlot(
  ctx: TurnCtx,
  slot: { id: string; mode: FulfilmentMode; startsAt: Date; endsAt: Date },
  thenCheckout: boolean,
): Promise<Reply> {
  let address: DeliveryAddress | null = null;
  if (slot.mode === "delivery") {
    address = await addressFor(ctx);
    if (!address) {
      return reply(ctx, "book_slot", [
        L(
          ctx,
          ["Pour la livraison, j'ai besoin de votre adresse : connectez-vous à votre compte."],
          ["For delivery I need your address: please sign in to your account."],
        ),
      ]);
    }
  }
  try {
    await ctx.deps.commerce.slots.hold({
      cartId: ctx.cart.id,
      storeCode: ctx.storeCode,
      slotId: slot.id,
      address,
    });
  } catch (err) {
    if (err instanceof CommerceError) {
      const why: Sentence =
        err.code === "slot_full"
          ? L(ctx, ["Ce créneau vient d'être complet."], ["That slot has just filled up."])
          : err.code === "outside_delivery_zone"
            ? L(
                ctx,
                ["Votre adresse est hors de la zone de livraison de ce magasin."],
                ["Your address is outside this store's delivery area."],
              )
            : err.code === "slot_closed"
              ? L(ctx, ["Les commandes pour ce créneau sont closes."], ["Orders for that slot have closed."])
              : L(ctx, ["Je n'ai pas pu réserver ce créneau."], ["I couldn't book that slot."]);
      ctx.state.pending = null;
      return reply(
        ctx,
        "book_slot",
        [why, L(ctx, ["Voulez-vous un autre créneau ?"], ["Would you like another slot?"])],
        { awaiting: "slot" },
      );
    }
    throw err;
  }
  const refreshed = await ctx.deps.commerce.carts.get(ctx.cart.id);
  if (refreshed) ctx.cart = refreshed;
  ctx.state.pending = null;
  const booked: Sentence = L(
    ctx,
    ["C'est réservé : ", ...slotPieces(ctx.lang, ctx.rules.timezone, slot.startsAt, slot.endsAt), "."],
    ["Booked: ", ...slotPieces(ctx.lang, ctx.rules.timezone, slot.startsAt, slot.endsAt), "."],
  );
  if (thenCheckout && ctx.afterSlot) return ctx.afterSlot(ctx, [booked]);
  return reply(
    ctx,
    "book_slot",
    [
      booked,
      L(
        ctx,
        ["Je le garde ", { count: ctx.rules.holdMin }, " minutes."],
        ["I'll hold it for ", { count: ctx.rules.holdMin }, " minutes."],
      ),
    ],
    {
      suggestions: L(ctx, ["Je veux commander", "Mon panier"], ["Check out", "My cart"]),
    },
  );
}

/** The answer to "lequel ?" about slots: a position, another phrase, or none. */
export async function answerSlot(ctx: TurnCtx, text: string): Promise<Reply | null> {
  const pending = ctx.state.pending;
  if (pending?.kind !== "slot") return null;
  if (isNone(text) || isNo(text)) {
    ctx.state.pending = null;
    return reply(ctx, "book_slot", [
      L(ctx, ["D'accord, pas de créneau pour l'instant."], ["OK, no slot for now."]),
    ]);
  }
  const pos = ordinalAnswer(text, pending.options.length);
  if (pos !== null) {
    const o = pending.options[pos - 1]!;
    return holdSlot(
      ctx,
      { id: o.slotId, mode: o.mode, startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt) },
      pending.thenCheckout,
    );
  }
  const window = parseSlotPhrase(text, {
    now: ctx.deps.now(),
    timeZone: ctx.rules.timezone,
    locale: ctx.turn.locale,
  });
  if (window || modeAsked(text)) return bookSlot(ctx, text, pending.thenCheckout);
  return null;
}
