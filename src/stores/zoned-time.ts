/**
 * Wall-clock time in a named time zone <-> UTC instants, with nothing but Intl, so that "18:30"
 * means 18:30 in the store's zone whatever the server's clock says (servers run in UTC) and
 * across daylight-saving changes. Slots, dialog time phrases and feed dates all go through here.
 */

/** A calendar day in the store's zone. */
export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall clock in `timeZone` at instant `at`. */
export function localParts(at: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines print midnight as "24" even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? "Sun"] ?? 0,
  };
}

/** Offset of `timeZone` from UTC at instant `at`, in minutes (Paris: +60 in winter, +120 in summer). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/**
 * The two instants that may show `date` + `minutes` past midnight in `timeZone`: the wall time
 * shifted by the offset guessed at the wall time, then by the offset at that corrected instant
 * (two passes converge), and whether the second really shows that wall time.
 */
function wallCandidates(
  date: LocalDate,
  minutes: number,
  timeZone: string,
): { first: number; second: number; exact: boolean } {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const first = wall - zoneOffsetMinutes(new Date(wall), timeZone) * 60000;
  const second = wall - zoneOffsetMinutes(new Date(first), timeZone) * 60000;
  const back = localParts(new Date(second), timeZone);
  const exact = Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute) === wall;
  return { first, second, exact };
}

/**
 * The UTC instant of a wall-clock time in a zone, or null when that time does not exist
 * (skipped by a daylight-saving change). For slot times, which must be real.
 */
export function zonedToUtc(date: LocalDate, minutes: number, timeZone: string): Date | null {
  const c = wallCandidates(date, minutes, timeZone);
  return c.exact ? new Date(c.second) : null;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minutes` past midnight,
 * never null: for what a person says ("à 2 h 30"). A time skipped by the spring change
 * (02:30 in Paris) lands just after it; a repeated autumn time takes one of its occurrences.
 */
export function zonedInstant(date: LocalDate, minutes: number, timeZone: string): Date {
  const c = wallCandidates(date, minutes, timeZone);
  // In the spring gap neither offset reproduces the wall time: keep the later instant.
  return new Date(c.exact ? c.second : Math.max(c.first, c.second));
}

/**
 * ISO 8601 local time with the zone's offset, to the minute ("2026-03-01T00:00+0100"), the form
 * Merchant Center shows for sale_price_effective_date and promotion dates.
 */
export function isoInZone(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const offset = zoneOffsetMinutes(at, timeZone);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? "-" : "+";
  return `${isoDate(p)}T${pad2(p.hour)}:${pad2(p.minute)}${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** `date` moved by `days` calendar days (no time zone involved: pure calendar arithmetic). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function isoDate(date: LocalDate): string {
  return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
