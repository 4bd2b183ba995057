/**
 * The scoring rule of ../shared/eval/score.py, in TypeScript, so the bench can score the engine
 * and the baseline in the same run: a case passes when the intent is right and each expected
 * item is matched by a distinct output item, with no extra items.
 */

export interface EvalCase {
  id: string;
  text: string;
  locale?: string;
  customer?: string | null;
  expect: {
    intent: string;
    items: {
      any: { accept: string[]; quantity?: number; weight_g?: number; weight_g_range?: [number, number] }[];
    }[];
  };
}

export interface OutItem {
  gtin: string | null;
  quantity?: number;
  weight_g?: number;
}

export interface Output {
  intent: string;
  items: OutItem[];
}

function itemOk(alt: EvalCase["expect"]["items"][number]["any"][number], out: OutItem): boolean {
  if (!out.gtin || !alt.accept.includes(out.gtin)) return false;
  if (alt.weight_g_range) {
    const w = out.weight_g;
    return w !== undefined && alt.weight_g_range[0] <= w && w <= alt.weight_g_range[1];
  }
  if (alt.weight_g !== undefined) {
    const w = out.weight_g;
    return w !== undefined && Math.abs(w - alt.weight_g) <= 0.01 * alt.weight_g;
  }
  return (out.quantity ?? 1) === alt.quantity && !out.weight_g;
}

export function caseOk(c: EvalCase, o: Output): { intent: boolean; exact: boolean } {
  const intent = o.intent === c.expect.intent;
  const used = new Set<number>();
  let hit = 0;
  for (const e of c.expect.items) {
    for (let k = 0; k < o.items.length; k++) {
      if (used.has(k)) continue;
      if (e.any.some((a) => itemOk(a, o.items[k]!))) {
        used.add(k);
        hit++;
        break;
      }
    }
  }
  return {
    intent,
    exact: intent && hit === c.expect.items.length && o.items.length === c.expect.items.length,
  };
}
