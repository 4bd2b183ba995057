import { fold } from "../../language/index.js";
import { clockWordsToDigits } from "./words.js";
import {
  type LocalDate,
  addDays,
  compareDates,
  isoDate,
  localParts,
  zonedInstant,
} from "../../stores/index.js";

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

const WEEKDAY_WORDS: Record<string, number> = {
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sun: 0,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
};

const MONTH_WORDS: Record<string, number> = {
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

type Part = { from: number; to: number; pm: boolean; am: boolean };
const H = 60;
// Longest first: "fin d'apres midi" before "apres midi", "late afternoon" before "afternoon".
const PARTS: [RegExp, Part][] = [
  [
    /\b(?:en )?(?:debut de matinee|tot le matin|early morning)\b/,
    { from: 8 * H, to: 10 * H, pm: false, am: true },
  ],
  [/\b(?:en )?(?:fin de matinee|late morning)\b/, { from: 10 * H, to: 12 * H, pm: false, am: true }],
  [/\b(?:en )?(?:debut d ?apres midi|early afternoon)\b/, { from: 13 * H, to: 15 * H, pm: true, am: false }],
  [/\b(?:en )?(?:fin d ?apres midi|late afternoon)\b/, { from: 16 * H, to: 19 * H, pm: true, am: false }],
  [/\b(?:en )?(?:fin de journee|end of the day)\b/, { from: 17 * H, to: 20 * H, pm: true, am: false }],
  [/\b(?:apres midi|aprem|afternoon)\b/, { from: 14 * H, to: 18 * H, pm: true, am: false }],
  [/\b(?:matin|matinee|morning)\b/, { from: 8 * H, to: 12 * H, pm: false, am: true }],
  [
    /\b(?:ce midi|demain midi|a l heure du dejeuner|lunchtime|lunch time|at lunch)\b/,
    { from: 12 * H, to: 14 * H, pm: true, am: false },
  ],
  [/\b(?:soir|soiree|evening|tonight)\b/, { from: 18 * H, to: 22 * H, pm: true, am: false }],
  [/\b(?:nuit|night)\b/, { from: 20 * H, to: 23 * H, pm: true, am: false }],
];

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

  // --- the day -------------------------------------------------------------------------
  let day: LocalDate | undefined;
  let weekday: { wd: number; next: boolean } | undefined;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(s);
    if (m) s = s.slice(0, m.index) + " ".repeat(m[0].length) + s.slice(m.index + m[0].length);
    return m;
  };
  if (take(/\b(?:apres demain|(?:the )?day after tomorrow)\b/)) day = addDays(today, 2);
  else if (take(/\b(?:demain|tomorrow|tmrw)\b/)) day = addDays(today, 1);
  else if (
    take(
      /\b(?:aujourd hui|today|ce soir|cette nuit|ce matin|cet apres midi|tonight|this (?:morning|afternoon|evening))\b/,
    )
  ) {
    day = today;
    // "ce soir"/"tonight" also name a part of the day: put the part word back for the next step.
    if (/ce soir|tonight|this evening/.test(text.toLowerCase())) s += " soir ";
    else if (/ce matin|this morning/.test(fold(text))) s += " matin ";
    else if (/cet apres|this afternoon/.test(fold(text).replace(/-/g, " "))) s += " apres midi ";
  }
  const inDays = take(/\b(?:dans|in) (\d{1,2}) (?:jours?|days?)\b/);
  if (!day && inDays) day = addDays(today, Number(inDays[1]));
  if (!day) {
    const wdAlt = Object.keys(WEEKDAY_WORDS)
      .sort((a, b) => b.length - a.length)
      .join("|");
    const m = take(
      new RegExp(String.raw`\b(?:(next|this|coming|ce|on) )?(${wdAlt})(?: (prochain|qui vient|d apres))?\b`),
    );
    if (m) {
      const wd = WEEKDAY_WORDS[m[2] ?? ""] ?? 0;
      weekday = { wd, next: m[1] === "next" || m[3] === "prochain" || m[3] === "d apres" };
    }
  }
  if (!day && !weekday) {
    const monAlt = Object.keys(MONTH_WORDS)
      .sort((a, b) => b.length - a.length)
      .join("|");
    const dm =
      take(
        new RegExp(
          String.raw`\b(?:le |the |on the )?(\d{1,2}|1er|premier)(?:st|nd|rd|th|er)? (?:of )?(${monAlt})\b`,
        ),
      ) ?? null;
    const md = dm ? null : take(new RegExp(String.raw`\b(${monAlt}) (\d{1,2})(?:st|nd|rd|th)?\b`));
    const bare =
      dm || md
        ? null
        : take(
            /\b(?:le|the|on the) (\d{1,2}|1er|premier)(?:st|nd|rd|th|er)?\b(?! ?(?:h\b|heures?\b|:|am\b|pm\b))/,
          );
    const dayNum = (w: string | undefined) => (w === "1er" || w === "premier" ? 1 : Number(w));
    if (dm || md || bare) {
      const d = dm ? dayNum(dm[1]) : md ? dayNum(md[2]) : dayNum(bare?.[1]);
      const month = dm ? MONTH_WORDS[dm[2] ?? ""] : md ? MONTH_WORDS[md[1] ?? ""] : undefined;
      day = nextDate(today, d, month);
    }
  }

  // --- the part of the day --------------------------------------------------------------
  let part: Part | undefined;
  for (const [re, p] of PARTS) {
    if (take(re)) {
      part = p;
      break;
    }
  }

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

function nextDate(today: LocalDate, day: number, month?: number): LocalDate {
  if (month) {
    const thisYear = { year: today.year, month, day };
    return compareDates(thisYear, today) >= 0 ? thisYear : { ...thisYear, year: today.year + 1 };
  }
  const thisMonth = { ...today, day };
  if (day >= today.day) return thisMonth;
  return today.month === 12
    ? { year: today.year + 1, month: 1, day }
    : { ...today, month: today.month + 1, day };
}

interface Clock {
  hour: number;
  minute: number;
  meridiem?: "am" | "pm";
  /** The hour came with a unit ("h", "heures", ":") rather than as a bare number. */
  explicit: boolean;
}

const CLOCK = String.raw`(\d{1,2})(?:\s*(?:h(?![a-z])|heures?\b|:|\.)\s*(\d{2})?(?!\d))?(?:\s*(et demie?|et quart|moins le quart|moins quart))?(?:\s*(am|pm|a m|p m|o ?clock|du matin|du soir|de l apres midi))?`;
const NOON = "(midi|minuit|noon|midnight)";
const T = `(?:${NOON}|${CLOCK})`;

function clockFrom(m: string[], at: number): Clock | undefined {
  const noon = m[at];
  if (noon) return { hour: noon === "minuit" || noon === "midnight" ? 0 : 12, minute: 0, explicit: true };
  const h = m[at + 1];
  if (h === undefined) return undefined;
  let hour = Number(h);
  let minute = m[at + 2] ? Number(m[at + 2]) : 0;
  const frac = m[at + 3];
  if (frac?.startsWith("et demi")) minute = 30;
  else if (frac === "et quart") minute = 15;
  else if (frac?.startsWith("moins")) {
    hour -= 1;
    minute = 45;
  }
  const mer = m[at + 4];
  const meridiem =
    mer === "am" || mer === "a m" || mer === "du matin"
      ? "am"
      : mer && /pm|p m|soir|apres/.test(mer)
        ? "pm"
        : undefined;
  if (hour > 23 || minute > 59) return undefined;
  return {
    hour,
    minute,
    ...(meridiem ? { meridiem } : {}),
    explicit: Boolean(m[0]?.match(/h|:|heure|am|pm|o ?clock/)),
  };
}

/** A clock time as minutes after midnight, reading 12-hour times sensibly for grocery slots. */
function minutes(c: Clock, part: Part | undefined, english: boolean, other?: Clock): number {
  let h = c.hour;
  const mer = c.meridiem ?? other?.meridiem;
  if (mer === "pm" && h < 12) h += 12;
  else if (mer === "am" && h === 12) h = 0;
  else if (!mer && h < 12) {
    // Nobody books groceries at 3 a.m.: "after 6", "vers 2 h" and "evening at 7" are afternoon times.
    if (part?.pm) h += 12;
    else if (!part?.am && h >= 1 && h <= (english ? 7 : 6)) h += 12;
  }
  return h * 60 + c.minute;
}

function readTimes(
  s: string,
  part: Part | undefined,
  english: boolean,
): Pick<SlotWindow, "fromMinute" | "toMinute" | "preferredMinute" | "precision"> | undefined {
  const partEnd = part?.to ?? 24 * H;
  const partStart = part?.from ?? 0;
  // Ranges: "entre 17 et 19 h", "de 17 h à 19 h", "between 5 and 7pm", "from 5 to 7", "17-19 h".
  const range = new RegExp(
    String.raw`\b(?:entre|between|de|from)?\s*${T}\s*(?:et|a|and|to|until|jusqu a|-)\s*${T}`,
  ).exec(s);
  if (range && (/\b(entre|between|de|from)\b/.test(range[0]) || range[0].includes("-"))) {
    const a = clockFrom(range, 1);
    const b = clockFrom(range, 6);
    if (a && b) {
      // "between 5 and 7pm": the second time's meridiem carries back to the first.
      const to = minutes(b, part, english);
      let from = minutes(a, part, english, b.meridiem ? b : undefined);
      if (from > to && from - 12 * H >= 0 && !a.meridiem) from -= 12 * H;
      if (from < to) return { fromMinute: from, toMinute: to, precision: "range" };
    }
  }
  const single = (words: string): [Clock, RegExpExecArray] | undefined => {
    const m = new RegExp(String.raw`\b(?:${words})\s+${T}`).exec(s);
    if (!m) return undefined;
    const c = clockFrom(m, 1);
    return c ? [c, m] : undefined;
  };
  const after = single("apres|a partir de|pas avant|after|from|not before|any time after|anytime after");
  if (after) {
    const from = minutes(after[0], part, english);
    return { fromMinute: from, toMinute: Math.max(partEnd, from + H), precision: "after" };
  }
  const before = single("avant|jusqu a|pas apres|before|by|until|no later than");
  if (before) {
    const to = minutes(before[0], part, english);
    return { fromMinute: Math.min(partStart, to), toMinute: to, precision: "before" };
  }
  const around = single("vers|autour de|aux alentours de|environ|around|about|round about|approximately");
  if (around) {
    const at = minutes(around[0], part, english);
    return {
      fromMinute: Math.max(0, at - H),
      toMinute: Math.min(24 * H, at + H),
      preferredMinute: at,
      precision: "around",
    };
  }
  // A plain time: "à 18 h 30", "at 9am", "10 h", "18:30".
  const at = single("a|at|pour|for") ?? plainClock(s);
  if (at) {
    const m = minutes(at[0], part, english);
    return { fromMinute: m, toMinute: m, preferredMinute: m, precision: "time" };
  }
  return undefined;
}

function plainClock(s: string): [Clock, RegExpExecArray] | undefined {
  const m = new RegExp(String.raw`\b${T}`).exec(s);
  if (!m) return undefined;
  const c = clockFrom(m, 1);
  // A bare number is a time only with a unit ("10 h", "9am", "18:30") or as noon/midnight.
  return c?.explicit ? [c, m] : undefined;
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
