import type { Day } from "./slots-rules.js";
import { type LocalDate, addDays, localParts, weekdayOf } from "./zoned-time.js";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** The local calendar dates from `from`'s local date, `days` of them, with their slot-rule day. */
export function localDates(from: Date, days: number, timeZone: string): (LocalDate & { weekday: Day })[] {
  const start = localParts(from, timeZone);
  const out: (LocalDate & { weekday: Day })[] = [];
  for (let i = 0; i < days; i++) {
    // Calendar arithmetic is free of DST; the weekday follows from the date.
    const date = addDays(start, i);
    out.push({ ...date, weekday: DAYS[weekdayOf(date)]! });
  }
  return out;
}
