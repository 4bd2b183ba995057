import { createInterface } from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import { createEngine, type Engine, type EngineResult } from "../../resolution/index.js";
import {
  type CustomerInfo,
  InputFileError,
  loadCatalog,
  loadCustomers,
  loadOffers,
} from "./understand-files.js";

/**
 * `panier understand --catalog FILE --jsonl [--customers FILE --offers FILE --store CODE]`:
 * the batch contract of DESIGN.md. Reads `{"id","text","locale","customer"}` lines on stdin and
 * writes one line per input, same order: `{"id","intent","items":[{"gtin","quantity"} |
 * {"gtin","weight_g"}], ...}`. A bad line gets `{"id","error":{code,message,line}}`.
 */

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  text: z.string({ error: "text must be a string" }).max(100_000, "text is longer than 100 000 characters"),
  locale: z.string().max(35).nullish(),
  customer: z.string().max(200).nullish(),
});

interface Options {
  catalog: string;
  customers?: string;
  offers?: string;
  store?: string;
  jsonl?: boolean;
}

export interface BatchContext {
  engine: Engine;
  customers: Map<string, CustomerInfo>;
  offers: Map<string, Map<string, number>>;
  store?: string;
}

function output(id: unknown, r: EngineResult): Record<string, unknown> {
  return {
    id,
    intent: r.intent,
    items: r.items.map((it) => {
      const base: Record<string, unknown> = { gtin: it.product.gtin ?? null, id: it.product.id };
      if (it.weightG !== undefined) base.weight_g = it.weightG;
      else base.quantity = it.quantity ?? 1;
      base.name = it.product.name;
      base.confidence = it.confidence;
      base.alternatives = it.alternatives.map((p) => p.gtin ?? p.id);
      return base;
    }),
    ...(r.quantity !== null ? { quantity: r.quantity } : {}),
    ...(r.unmatched.length ? { unmatched: r.unmatched.map((m) => m.text) } : {}),
  };
}

/** One input line -> one output object (never throws). */
export function understandLine(line: string, lineNo: number, ctx: BatchContext): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    // Keep the line's id when it can still be read, so the answer lines up with its question.
    const id = /"id"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|(\d+))/.exec(line);
    return {
      id: id ? (id[1] ?? Number(id[2])) : null,
      error: { code: "invalid_json", message: "This line is not valid JSON", line: lineNo },
    };
  }
  const rawId = raw && typeof raw === "object" && "id" in raw ? (raw as { id: unknown }).id : null;
  const parsed = lineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      id: rawId ?? null,
      error: {
        code: "invalid_input",
        message: `${issue.path.join(".") || "line"}: ${issue.message}`,
        line: lineNo,
      },
    };
  }
  const { id, text, locale, customer } = parsed.data;
  const info = customer ? ctx.customers.get(customer) : undefined;
  const store = ctx.store ?? info?.store ?? undefined;
  const stock = store ? ctx.offers.get(store) : undefined;
  try {
    const r = ctx.engine.understand({ text, locale: locale ?? undefined, history: info?.history, stock });
    return output(id ?? null, r);
  } catch (err) {
    return {
      id: id ?? null,
      error: {
        code: "internal_error",
        message: (err as Error).message || "could not understand",
        line: lineNo,
      },
    };
  }
}

export function registerUnderstand(program: Command): void {
  program
    .command("understand")
    .description("Understand utterances in batch: JSON lines on stdin -> intent and products on stdout")
    .requiredOption("--catalog <file>", "catalog in the shared JSONL format")
    .option("--customers <file>", "customers JSONL with purchase history")
    .option("--offers <file>", "offers JSONL (per-store stock)")
    .option("--store <code>", "store whose stock ranks equal matches (default: the customer's home store)")
    .option("--jsonl", "read and write JSON lines (the only format)")
    .action(async (opts: Options) => {
      let ctx: BatchContext;
      try {
        const products = loadCatalog(opts.catalog);
        ctx = {
          engine: createEngine(products),
          customers: opts.customers ? loadCustomers(opts.customers) : new Map(),
          offers: opts.offers ? loadOffers(opts.offers) : new Map(),
          store: opts.store,
        };
      } catch (err) {
        const code = err instanceof InputFileError ? err.code : "input_error";
        process.stderr.write(`error [${code}]: ${(err as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
      let lineNo = 0;
      for await (const line of rl) {
        lineNo++;
        if (!line.trim()) continue;
        process.stdout.write(`${JSON.stringify(understandLine(line, lineNo, ctx))}\n`);
      }
    });
}
