// Day expressions of a slot phrase: today/tomorrow, "dans 3 jours", weekdays, dates with or without a month.
import { fold } from "../../language/index.js";
import { type LocalDate, addDays, compareDates } from "../../stores/index.js";

/** Removes the first match of a pattern from the phrase being read and returns it. */
export type Take = (re: RegExp) => RegExpExecArray | null;

export const WEEKDAY_WORDS: Record<string, number> = {
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

export const MONTH_WORDS: Record<string, number> = {
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

export interface DayReading {
  /** The calendar day named outright. */
  day?: LocalDate;
  /** A weekday named without a date; which week it falls in depends on the time asked. */
  weekday?: { wd: number; next: boolean };
  /** Part-of-day words implied by the day word ("ce soir", "tonight"), to read with the times. */
  partWords?: string;
}

/** Reads the day out of the folded phrase through `take`; `text` is the phrase as said. */
export function readDay(take: Take, today: LocalDate, text: string): DayReading {
  let day: LocalDate | undefined;
  let weekday: { wd: number; next: boolean } | undefined;
  let partWords: string | undefined;
  if (take(/\b(?:apres demain|(?:the )?day after tomorrow)\b/)) day = addDays(today, 2);
  else if (take(/\b(?:demain|tomorrow|tmrw)\b/)) day = addDays(today, 1);
  else if (
    take(
      /\b(?:aujourd hui|today|ce soir|cette nuit|ce matin|cet apres midi|tonight|this (?:morning|afternoon|evening))\b/,
    )
  ) {
    day = today;
    // "ce soir"/"tonight" also name a part of the day: put the part word back for the next step.
    if (/ce soir|tonight|this evening/.test(text.toLowerCase())) partWords = " soir ";
    else if (/ce matin|this morning/.test(fold(text))) partWords = " matin ";
    else if (/cet apres|this afternoon/.test(fold(text).replace(/-/g, " "))) partWords = " apres midi ";
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
  return { ...(day ? { day } : {}), ...(weekday ? { weekday } : {}), ...(partWords ? { partWords } : {}) };
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
