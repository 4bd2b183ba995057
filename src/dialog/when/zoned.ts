/**
 * Wall-clock arithmetic in a named time zone with nothing but Intl, so that "demain à 18 h 30"
 * means 18:30 in the store's zone whatever the server's clock says (servers run in UTC) and
 * across daylight-saving changes.
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
export function localParts(at: Date, timeZone: string): LocalDateTime & { second: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
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
 * The instant at which the wall clock in `timeZone` shows `date` + `minutes` past midnight.
 * A time skipped by the spring change (02:30 in Paris) lands just after it; a repeated autumn
 * time takes its first occurrence.
 */
export function zonedInstant(date: LocalDate, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Two passes converge: the offset guessed at the wall time, then at the corrected instant.
  const offset = zoneOffsetMinutes(new Date(wall), timeZone);
  let instant = wall - offset * 60000;
  const second = zoneOffsetMinutes(new Date(instant), timeZone);
  if (second !== offset) {
    const retry = wall - second * 60000;
    // In the spring gap neither offset reproduces the wall time: keep the later instant.
    const back = localParts(new Date(retry), timeZone);
    const ok = back.hour * 60 + back.minute === ((minutes % 1440) + 1440) % 1440;
    instant = ok ? retry : Math.max(instant, retry);
  }
  return new Date(instant);
}

/** `date` moved by `days` calendar days (no time zone involved: pure calendar arithmetic). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function parseIsoDate(text: string): LocalDate {
  const [y, m, d] = text.split("-").map(Number);
  return { year: y ?? 1970, month: m ?? 1, day: d ?? 1 };
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
