import type { Day } from "./slots-rules.js";

// Wall-clock time in a store's timezone <-> UTC instants, with Intl only (no dependency).

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: Day;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: parts.weekday!.toLowerCase().slice(0, 3) as Day,
  };
}

/** Offset of the zone from UTC at that instant, in minutes (Paris: 60 in winter, 120 in summer). */
export function zoneOffsetMin(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/**
 * The UTC instant of a wall-clock time in a zone, or null when that time does not exist
 * (skipped by a daylight-saving change).
 */
export function zonedToUtc(
  date: { year: number; month: number; day: number },
  minutes: number,
  timeZone: string,
): Date | null {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  let guess = wall - zoneOffsetMin(new Date(wall), timeZone) * 60000;
  guess = wall - zoneOffsetMin(new Date(guess), timeZone) * 60000;
  const back = localParts(new Date(guess), timeZone);
  const backWall = Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute);
  return backWall === wall ? new Date(guess) : null;
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** The local calendar dates from `from`'s local date, `days` of them. */
export function localDates(
  from: Date,
  days: number,
  timeZone: string,
): { year: number; month: number; day: number; weekday: Day }[] {
  const start = localParts(from, timeZone);
  const out: { year: number; month: number; day: number; weekday: Day }[] = [];
  for (let i = 0; i < days; i++) {
    // Calendar arithmetic on a UTC date is free of DST; the weekday follows from it.
    const d = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
    out.push({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      weekday: (["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const)[d.getUTCDay()]!,
    });
  }
  return out;
}
