// The slot-phrase resolver: a day and a time-of-day read together into a window in the store's zone.
import { fold } from "../../language/index.js";
import { type LocalDate, addDays, isoDate, localParts, zonedInstant } from "../../stores/index.js";
import { MONTH_WORDS, WEEKDAY_WORDS, readDay } from "./days.js";
import { H, readPart, readTimes } from "./times.js";
import { clockWordsToDigits } from "./words.js";

/**
 * Slot phrases -> a local time window in the store's zone. A small grammar of its own because
 * general date libraries misread exactly these ("mardi entre 17 et 19 h" as Tuesday noon,
 * "après-demain" as tomorrow, "18 h 30" without its minutes). `now` is injected.
 */
export interface SlotWindow {
  /** Local calendar day, YYYY-MM-DD, in the store's zone. */
  date: string;
  /** Minutes after local midnight; `toMinute` may be 1440 (end of day). */
  fromMinute: number;
  toMinute: number;
  /** The time the shopper aimed at ("vers 10 h", "à 18 h 30"), when there is one. */
  preferredMinute?: number;
  /** UTC instant of the time aimed at, when there is one. */
  preferred?: Date;
  /** UTC instants of the window's edges. */
  start: Date;
  end: Date;
  /** How precise the phrase was: a whole day, a part of it, a range, a time, or an open edge. */
  precision: "day" | "part" | "range" | "time" | "around" | "after" | "before";
  /** True when the phrase named a day (otherwise today, or tomorrow when today's window passed). */
  dayGiven: boolean;
}

export interface SlotPhraseContext {
  now: Date;
  timeZone: string;
  locale?: string;
}

/** Parses a slot phrase; null when it names neither a day nor a time. */
export function parseSlotPhrase(text: string, ctx: SlotPhraseContext): SlotWindow | null {
  const nowLocal = localParts(ctx.now, ctx.timeZone);
  const english = ctx.locale
    ? ctx.locale.startsWith("en")
    : /\b(tomorrow|today|at|after|before|next|evening|morning)\b/i.test(text);
  const today: LocalDate = { year: nowLocal.year, month: nowLocal.month, day: nowLocal.day };
  const nowMinute = nowLocal.hour * 60 + nowLocal.minute;
  let s = ` ${clockWordsToDigits(
    fold(text)
      .replace(/['’]/g, " ")
      .replace(/(\p{L})-(\p{L})/gu, "$1 $2")
      .replace(/[,;!?]/g, " ")
      .replace(/\s+/g, " "),
  )} `;

  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m) s = s.slice(0, m.index) + " ".repeat(m[0].length) + s.slice(m.index + m[0].length);
    return m;
  };

  // --- the day -------------------------------------------------------------------------
  const read = readDay(take, today, text);
  let day = read.day;
  const weekday = read.weekday;
  if (read.partWords) s += read.partWords;

  // --- the part of the day --------------------------------------------------------------
  const part = readPart(take);

  // --- the time ------------------------------------------------------------------------
  const time = readTimes(s, part, english);

  if (!day && !weekday && !part && !time) return null;

  let fromMinute: number;
  let toMinute: number;
  let preferredMinute: number | undefined;
  let precision: SlotWindow["precision"];
  if (time) {
    ({ fromMinute, toMinute, preferredMinute, precision } = time);
  } else if (part) {
    fromMinute = part.from;
    toMinute = part.to;
    precision = "part";
  } else {
    fromMinute = 0;
    toMinute = 24 * H;
    precision = "day";
  }

  const dayGiven = Boolean(day || weekday);
  if (!day) {
    // A window that ends before now means the next occurrence: tomorrow, or next week's day.
    const stillAhead = toMinute > nowMinute || (precision === "time" && (preferredMinute ?? 0) > nowMinute);
    if (weekday) {
      let delta = (weekday.wd - nowLocal.weekday + 7) % 7;
      if (delta === 0 && (weekday.next || !stillAhead)) delta = 7;
      day = addDays(today, delta);
    } else {
      day = stillAhead ? today : addDays(today, 1);
    }
  }
  return {
    date: isoDate(day),
    fromMinute,
    toMinute,
    ...(preferredMinute !== undefined
      ? { preferredMinute, preferred: zonedInstant(day, preferredMinute, ctx.timeZone) }
      : {}),
    start: zonedInstant(day, fromMinute, ctx.timeZone),
    end: zonedInstant(day, toMinute, ctx.timeZone),
    precision,
    dayGiven,
  };
}

const TIME_WORDS = new Set([
  ...Object.keys(WEEKDAY_WORDS),
  ...Object.keys(MONTH_WORDS),
  ...[
    "demain",
    "apres",
    "aujourd",
    "hui",
    "ce",
    "cet",
    "cette",
    "soir",
    "soiree",
    "matin",
    "matinee",
    "midi",
    "minuit",
    "nuit",
  ],
  ...[
    "vers",
    "entre",
    "et",
    "de",
    "du",
    "a",
    "au",
    "le",
    "la",
    "l",
    "h",
    "heure",
    "heures",
    "prochain",
    "prochaine",
    "fin",
    "debut",
  ],
  ...[
    "tomorrow",
    "today",
    "tonight",
    "day",
    "after",
    "the",
    "this",
    "next",
    "morning",
    "afternoon",
    "evening",
    "night",
    "noon",
  ],
  ...[
    "midnight",
    "at",
    "around",
    "about",
    "between",
    "and",
    "before",
    "from",
    "to",
    "on",
    "am",
    "pm",
    "o",
    "clock",
    "half",
    "past",
  ],
  ...["livraison", "retrait", "delivery", "pickup", "creneau", "slot", "pour", "for"],
]);

/**
 * Whether text is only a time phrase ("après-demain", "samedi vers 10 h"): then it names no
 * product, whatever a catalog search may find for its words.
 */
export function isOnlySlotPhrase(text: string, ctx: SlotPhraseContext): boolean {
  if (!parseSlotPhrase(text, ctx)) return false;
  const words = clockWordsToDigits(fold(text).replace(/['’-]/g, " "))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words.every((w) => TIME_WORDS.has(w) || /^\d+(h\d*)?$/.test(w));
}
