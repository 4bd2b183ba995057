import { readFileSync } from "node:fs";
import { fold } from "../language/index.js";
import { memoize } from "./memo.js";

/**
 * Our category paths -> Google product taxonomy ids (google-categories.json, kept by hand from
 * Google's taxonomy-with-ids file). The longest matching prefix wins; paths are compared without
 * case or accents so "Crèmerie > Laits" and "cremerie > laits" agree.
 */
export interface GoogleCategory {
  id: number;
  path: string;
  /** false when no entry matched and the fallback was used (the validator warns). */
  mapped: boolean;
}

interface MappingFile {
  fallback: { id: number; path: string };
  map: Record<string, { id: number; path: string }>;
}

const file = JSON.parse(
  readFileSync(new URL("./google-categories.json", import.meta.url), "utf8"),
) as MappingFile;

function key(segments: readonly string[]): string {
  return segments.map((s) => fold(s.trim())).join(">");
}

const table = new Map<string, { id: number; path: string }>();
for (const [path, value] of Object.entries(file.map)) table.set(key(path.split(">")), value);

function lookup(segments: readonly string[]): GoogleCategory {
  for (let n = segments.length; n > 0; n--) {
    const hit = table.get(key(segments.slice(0, n)));
    if (hit) return { ...hit, mapped: true };
  }
  return { ...file.fallback, mapped: false };
}

const byPath = memoize((joined) => lookup(joined.split("\u0000")));

/** The Google category for a category path given as segments (["Crèmerie", "Laits", ...]). */
export function googleCategory(segments: readonly string[]): GoogleCategory {
  return byPath(segments.join("\u0000"));
}
