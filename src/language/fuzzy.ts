import { phoneticKey } from "./phonetic.js";

/**
 * Typo- and sound-tolerant lookup of a word in a known vocabulary (the catalog's words). Exact
 * words first, then one edit away (SymSpell-style deletion neighbourhoods, so a lookup costs a
 * few map reads whatever the vocabulary size), then words that sound the same.
 */

export interface TermMatch {
  term: string;
  /**
   * 0 exact, 1 one edit away, 1.5 same sound, 1.6 the only word starting so, 1.8 sound one edit
   * away, 2 two edits away.
   */
  cost: number;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Damerau-Levenshtein distance capped at `max` + 1 (short words only). */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = [];
  for (let i = 0; i < rows; i++) d.push(new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i]![0] = i;
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

export class TermMatcher {
  private readonly terms = new Set<string>();
  private readonly deletes = new Map<string, string[]>();
  private readonly sounds = new Map<string, string[]>();
  private readonly soundDeletes = new Map<string, string[]>();
  private readonly prefixes = new Map<string, string[]>();

  constructor(terms: Iterable<string>) {
    for (const t of terms) this.add(t);
  }

  get size(): number {
    return this.terms.size;
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  add(term: string): void {
    if (!term || this.terms.has(term)) return;
    this.terms.add(term);
    if (term.length >= 4 && !/^\d+$/.test(term)) {
      for (const d of deletions(term)) push(this.deletes, d, term);
      push(this.deletes, term, term);
    }
    if (term.length >= 3 && !/\d/.test(term)) {
      const key = phoneticKey(term);
      push(this.sounds, key, term);
      if (key.length >= 5) for (const d of [key, ...deletions(key)]) push(this.soundDeletes, d, term);
      // Words cut short ("la Kro", "du Nutel"): known prefixes of longer words.
      for (let k = 3; k < Math.min(term.length, 7); k++) push(this.prefixes, term.slice(0, k), term);
    }
  }

  /** Known terms near `word`, cheapest first; at most `limit`. */
  match(word: string, limit = 4): TermMatch[] {
    if (this.terms.has(word)) return [{ term: word, cost: 0 }];
    if (word.length === 3 && /^[a-z]+$/.test(word)) {
      // Only an unambiguous beginning of a longer word counts.
      const starts = this.prefixes.get(word) ?? [];
      return starts.length === 1 ? [{ term: starts[0]!, cost: 1.6 }] : [];
    }
    if (word.length < 4 || word.length > 40 || /^\d+$/.test(word)) return [];
    const found = new Map<string, number>();
    const consider = (term: string, cost: number) => {
      const prev = found.get(term);
      if (prev === undefined || cost < prev) found.set(term, cost);
    };
    // One edit: the word or one of its deletions meets a term or one of its deletions.
    for (const key of [word, ...deletions(word)]) {
      for (const term of this.deletes.get(key) ?? []) {
        if (editDistance(word, term, 1) <= 1) consider(term, 1);
      }
    }
    const sound = phoneticKey(word);
    for (const term of this.sounds.get(sound) ?? []) consider(term, 1.5);
    if (found.size === 0 && sound.length >= 5) {
      // Sounds one edit apart ("ainekene" ~ "heineken").
      for (const key of [sound, ...deletions(sound)]) {
        for (const term of this.soundDeletes.get(key) ?? []) {
          if (editDistance(sound, phoneticKey(term), 1) <= 1) consider(term, 1.8);
        }
      }
    }
    if (found.size === 0) {
      const starts = this.prefixes.get(word) ?? [];
      if (starts.length === 1) consider(starts[0]!, 1.6);
    }
    if (found.size === 0 && word.length >= 6) {
      // Two edits on longer words, through the deletion neighbourhood of the word's deletions.
      for (const d1 of deletions(word)) {
        for (const key of deletions(d1)) {
          for (const term of this.deletes.get(key) ?? []) {
            if (editDistance(word, term, 2) <= 2) consider(term, 2);
          }
        }
      }
    }
    return [...found.entries()]
      .map(([term, cost]) => ({ term, cost }))
      .sort((a, b) => a.cost - b.cost || a.term.localeCompare(b.term))
      .slice(0, limit);
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}
