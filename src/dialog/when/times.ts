// Time-of-day expressions of a slot phrase: parts of the day, clock times, ranges and open edges.
import type { Take } from "./days.js";

export type Part = { from: number; to: number; pm: boolean; am: boolean };
export const H = 60;
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

/** The first part of the day named ("fin d'après-midi", "evening"), removed through `take`. */
export function readPart(take: Take): Part | undefined {
  for (const [re, p] of PARTS) {
    if (take(re)) return p;
  }
  return undefined;
}

/** The window a time expression gives, in minutes after local midnight. */
export interface TimeWindow {
  fromMinute: number;
  toMinute: number;
  preferredMinute?: number;
  precision: "range" | "time" | "around" | "after" | "before";
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
export function readTimes(s: string, part: Part | undefined, english: boolean): TimeWindow | undefined {
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
