import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOnlySlotPhrase, parseSlotPhrase } from "./phrases.js";
import { zonedInstant } from "../../stores/index.js";

const TZ = "Europe/Paris";
// Wednesday 25 November 2026, 18:00 in Paris (17:00 UTC).
const WED_EVENING = new Date("2026-11-25T17:00:00Z");
// Wednesday 25 November 2026, 08:00 in Paris.
const WED_MORNING = new Date("2026-11-25T07:00:00Z");
// Saturday 28 March 2026 11:00 Paris: clocks go forward on Sunday 29 March at 02:00.
const BEFORE_SPRING = new Date("2026-03-28T10:00:00Z");
// Saturday 24 October 2026 11:00 Paris: clocks go back on Sunday 25 October at 03:00.
const BEFORE_AUTUMN = new Date("2026-10-24T09:00:00Z");

function local(text: string, now: Date, locale = "fr-FR") {
  const w = parseSlotPhrase(text, { now, timeZone: TZ, locale });
  if (!w) return null;
  const hm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return {
    date: w.date,
    from: hm(w.fromMinute),
    to: hm(w.toMinute),
    at: w.preferredMinute === undefined ? undefined : hm(w.preferredMinute),
    start: w.start.toISOString(),
    end: w.end.toISOString(),
    precision: w.precision,
  };
}

describe("slot phrases resolve in the store's zone whatever the machine's clock", () => {
  const saved = process.env.TZ;
  // The server runs in UTC; a developer's laptop may not. Neither may change the answer.
  beforeAll(() => {
    process.env.TZ = "America/Los_Angeles";
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it.each([
    ["demain matin", "2026-11-26", "08:00", "12:00", undefined, "2026-11-26T07:00:00.000Z"],
    ["samedi vers 10 h", "2026-11-28", "09:00", "11:00", "10:00", "2026-11-28T08:00:00.000Z"],
    ["mardi entre 17 et 19 h", "2026-12-01", "17:00", "19:00", undefined, "2026-12-01T16:00:00.000Z"],
    ["après-demain", "2026-11-27", "00:00", "24:00", undefined, "2026-11-26T23:00:00.000Z"],
    ["demain à 18 h 30", "2026-11-26", "18:30", "18:30", "18:30", "2026-11-26T17:30:00.000Z"],
    ["demain à 18h30", "2026-11-26", "18:30", "18:30", "18:30", "2026-11-26T17:30:00.000Z"],
    ["demain à dix-huit heures trente", "2026-11-26", "18:30", "18:30", "18:30", "2026-11-26T17:30:00.000Z"],
    ["ce soir", "2026-11-25", "18:00", "22:00", undefined, "2026-11-25T17:00:00.000Z"],
    ["lundi prochain", "2026-11-30", "00:00", "24:00", undefined, "2026-11-29T23:00:00.000Z"],
    ["jeudi en fin d'après-midi", "2026-11-26", "16:00", "19:00", undefined, "2026-11-26T15:00:00.000Z"],
    ["de 17 h à 19 h vendredi", "2026-11-27", "17:00", "19:00", undefined, "2026-11-27T16:00:00.000Z"],
    ["le 3 décembre à midi", "2026-12-03", "12:00", "12:00", "12:00", "2026-12-03T11:00:00.000Z"],
    ["samedi après 14 h", "2026-11-28", "14:00", "24:00", undefined, "2026-11-28T13:00:00.000Z"],
    ["demain avant midi", "2026-11-26", "00:00", "12:00", undefined, "2026-11-25T23:00:00.000Z"],
    ["vendredi à 10 h et demie", "2026-11-27", "10:30", "10:30", "10:30", "2026-11-27T09:30:00.000Z"],
  ])("fr: %s", (text, date, from, to, at, start) => {
    const r = local(text, WED_EVENING);
    expect(r).toMatchObject({ date, from, to, start });
    expect(r?.at).toBe(at);
  });

  it.each([
    ["tomorrow evening", "2026-11-26", "18:00", "22:00", undefined],
    ["friday after 6", "2026-11-27", "18:00", "24:00", undefined],
    ["next monday at 9am", "2026-11-30", "09:00", "09:00", "09:00"],
    ["between 5 and 7pm on saturday", "2026-11-28", "17:00", "19:00", undefined],
    ["saturday around 10", "2026-11-28", "09:00", "11:00", "10:00"],
    ["the day after tomorrow", "2026-11-27", "00:00", "24:00", undefined],
    ["tomorrow at 6:30 pm", "2026-11-26", "18:30", "18:30", "18:30"],
    ["tomorrow morning", "2026-11-26", "08:00", "12:00", undefined],
  ])("en: %s", (text, date, from, to, at) => {
    const r = local(text, WED_EVENING, "en-GB");
    expect(r).toMatchObject({ date, from, to });
    expect(r?.at).toBe(at);
  });

  it("reads a weekday said on that very day as today while its window is ahead, else next week", () => {
    expect(local("mercredi soir", WED_MORNING)?.date).toBe("2026-11-25");
    expect(local("mercredi matin", WED_EVENING)?.date).toBe("2026-12-02");
    expect(local("mercredi prochain", WED_MORNING)?.date).toBe("2026-12-02");
  });

  it("takes a time alone as today when it is still ahead, else tomorrow", () => {
    expect(local("à 19 h", WED_EVENING)).toMatchObject({ date: "2026-11-25", at: "19:00" });
    expect(local("à 10 h", WED_EVENING)).toMatchObject({ date: "2026-11-26", at: "10:00" });
  });

  it("crosses the spring daylight-saving change", () => {
    expect(local("demain à 18 h 30", BEFORE_SPRING)).toMatchObject({
      date: "2026-03-29",
      start: "2026-03-29T16:30:00.000Z",
    });
    expect(local("lundi matin", BEFORE_SPRING)).toMatchObject({
      date: "2026-03-30",
      start: "2026-03-30T06:00:00.000Z",
      end: "2026-03-30T10:00:00.000Z",
    });
    // The whole of Sunday 29 March is 23 hours long.
    const sunday = parseSlotPhrase("demain", { now: BEFORE_SPRING, timeZone: TZ, locale: "fr-FR" });
    expect(sunday && (sunday.end.getTime() - sunday.start.getTime()) / 3_600_000).toBe(23);
  });

  it("crosses the autumn daylight-saving change", () => {
    expect(local("demain matin", BEFORE_AUTUMN)).toMatchObject({
      date: "2026-10-25",
      start: "2026-10-25T07:00:00.000Z",
    });
    const sunday = parseSlotPhrase("tomorrow", { now: BEFORE_AUTUMN, timeZone: TZ, locale: "en-GB" });
    expect(sunday && (sunday.end.getTime() - sunday.start.getTime()) / 3_600_000).toBe(25);
  });

  it("reads half past and quarter times in English", () => {
    expect(local("thursday at half past six", WED_EVENING, "en-GB")).toMatchObject({ at: "18:30" });
    expect(local("friday at a quarter to eleven", WED_EVENING, "en-GB")).toMatchObject({ at: "10:45" });
  });

  it("returns null for text that names no day or time", () => {
    expect(parseSlotPhrase("du lait s'il te plaît", { now: WED_EVENING, timeZone: TZ })).toBeNull();
    expect(
      parseSlotPhrase("two pints of milk", { now: WED_EVENING, timeZone: TZ, locale: "en-GB" }),
    ).toBeNull();
  });

  it("maps a wall time inside the spring gap to just after it", () => {
    const t = zonedInstant({ year: 2026, month: 3, day: 29 }, 150, TZ);
    expect(t.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });
});

describe("telling a time phrase from a request", () => {
  const ctx = { now: new Date("2026-11-25T17:00:00Z"), timeZone: "Europe/Paris" };
  it.each([
    "après-demain",
    "samedi vers 10 h",
    "demain matin",
    "tomorrow evening",
    "friday after 6",
    "livraison demain vers 18 h",
  ])("%s is only a time phrase", (text) => expect(isOnlySlotPhrase(text, ctx)).toBe(true));
  it.each(["ajoute du lait pour demain", "deux baguettes samedi", "du lait", "add milk tomorrow"])(
    "%s is not",
    (text) => expect(isOnlySlotPhrase(text, ctx)).toBe(false),
  );
});

describe("more slot phrases", () => {
  const now = new Date("2026-11-25T17:00:00Z"); // Wednesday 18:00 in Paris
  const at = (text: string, locale = "fr-FR") => {
    const w = parseSlotPhrase(text, { now, timeZone: "Europe/Paris", locale });
    return (
      w && {
        date: w.date,
        from: w.fromMinute / 60,
        to: w.toMinute / 60,
        at: w.preferredMinute === undefined ? undefined : w.preferredMinute / 60,
      }
    );
  };
  it.each([
    ["vers midi", { date: "2026-11-26", from: 11, to: 13, at: 12 }],
    ["demain midi", { date: "2026-11-26", from: 12, to: 12, at: 12 }],
    ["samedi en fin de journée", { date: "2026-11-28", from: 17, to: 20, at: undefined }],
    ["dans 3 jours", { date: "2026-11-28", from: 0, to: 24, at: undefined }],
    ["le premier décembre à 9 h", { date: "2026-12-01", from: 9, to: 9, at: 9 }],
    ["jeudi de 8 h à 10 h", { date: "2026-11-26", from: 8, to: 10, at: undefined }],
    ["vendredi vers 7 h du soir", { date: "2026-11-27", from: 18, to: 20, at: 19 }],
  ])("fr: %s", (text, want) => expect(at(text)).toEqual(want));
  it.each([
    ["this afternoon", null],
    ["saturday lunchtime", { date: "2026-11-28", from: 12, to: 14, at: undefined }],
    ["december 3rd at noon", { date: "2026-12-03", from: 12, to: 12, at: 12 }],
    ["in 2 days after 5pm", { date: "2026-11-27", from: 17, to: 24, at: undefined }],
    ["tomorrow before 11am", { date: "2026-11-26", from: 0, to: 11, at: undefined }],
  ])("en: %s", (text, want) => {
    if (want === null) {
      // This afternoon has passed at 18:00: the window is today's, already over.
      expect(at(text, "en-GB")?.date).toBe("2026-11-25");
      return;
    }
    expect(at(text, "en-GB")).toEqual(want);
  });
});
