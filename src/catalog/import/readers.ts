import { Readable } from "node:stream";
import { type CsvError, parse } from "csv-parse";
import type { Detected } from "./detect.js";
import type { RawRecord } from "./types.js";

/** JSON lines, one record per non-empty line; a line that is not a JSON object is a line error. */
export async function* jsonLines(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let rest = "";
  let line = 0;
  const one = (text: string): RawRecord | undefined => {
    line++;
    const t = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (!t.trim()) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch {
      return { line, error: { line, field: "(line)", reason: "not valid JSON", code: "invalid_json" } };
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      return {
        line,
        error: { line, field: "(line)", reason: "expected a JSON object", code: "invalid_json" },
      };
    }
    return { line, value: value as Record<string, unknown> };
  };
  for await (const chunk of chunks) {
    let text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      const rec = one(text.slice(start, nl));
      start = nl + 1;
      if (rec) yield rec;
    }
    text = text.slice(start);
    rest = text;
  }
  if (rest) {
    const rec = one(rest);
    if (rec) yield rec;
  }
}

/**
 * A JSON array of objects (stores.fr.json), read element by element so that each record knows
 * the line it starts on.
 */
export async function* jsonArray(chunks: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  let element = "";
  let elementLine = 0;
  for await (const chunk of chunks) {
    for (const ch of chunk) {
      if (depth >= 2 || (depth === 1 && ch !== "," && ch !== "]" && !/\s/.test(ch))) {
        if (element === "") elementLine = line;
        element += ch;
      }
      if (ch === "\n") line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === "\\") escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === "[" || ch === "{") {
        if (!started && ch === "[") started = true;
        depth++;
      } else if (ch === "]" || ch === "}") {
        depth--;
        if (depth === 1 && element) {
          yield parseElement(element, elementLine);
          element = "";
        }
      } else if (ch === "," && depth === 1 && element) {
        yield parseElement(element, elementLine);
        element = "";
      }
    }
  }
  if (depth !== 0) {
    yield {
      line,
      error: { line, field: "(file)", reason: "the JSON array is not closed", code: "invalid_json" },
    };
  }
}

function parseElement(text: string, line: number): RawRecord {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      return { line, value: value as Record<string, unknown> };
    }
  } catch {
    // reported below
  }
  return { line, error: { line, field: "(line)", reason: "expected a JSON object", code: "invalid_json" } };
}

/**
 * Delimited text with a header line. Column names are trimmed and lower-cased; empty cells are
 * left out of the record. Open Food Facts' export is tab-separated without quoting (its names hold
 * stray quotes), so quotes are literal there.
 */
export async function* csvRows(chunks: AsyncIterable<string>, detected: Detected): AsyncGenerator<RawRecord> {
  const pending: RawRecord[] = [];
  const parser = parse({
    delimiter: detected.delimiter ?? ",",
    columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
    bom: true,
    info: true,
    quote: detected.format === "off-csv" ? false : '"',
    relax_column_count: true,
    // `Lait "entier"` in an unquoted cell is a literal quote, as spreadsheets write it.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = (err as { lines?: number } | undefined)?.lines ?? 0;
      // An unclosed quote swallows the rest of the file: that is no longer one bad line.
      const fatal = err?.code === "CSV_QUOTE_NOT_CLOSED";
      pending.push({
        line,
        error: {
          line,
          field: fatal ? "(file)" : "(line)",
          reason: fatal
            ? `a quote is never closed, the file cannot be read past line ${line}`
            : (err?.message ?? "unreadable CSV line"),
          code: "invalid_csv",
        },
      });
      return undefined;
    },
  });
  const input = Readable.from(chunks);
  input.on("error", (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      while (pending.length) yield pending.shift()!;
      const value: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item.record)) {
        if (k && v !== undefined && v !== "") value[k] = v;
      }
      yield { line: item.info.lines, value };
    }
  } catch (err) {
    const e = err as CsvError & { lines?: number };
    const line = e.lines ?? 0;
    yield {
      line,
      error: {
        line,
        field: "(file)",
        reason: `CSV cannot be read from here on: ${e.message}`,
        code: "invalid_csv",
      },
    };
  }
  while (pending.length) yield pending.shift()!;
}

export function readRecords(chunks: AsyncIterable<string>, detected: Detected): AsyncIterable<RawRecord> {
  switch (detected.format) {
    case "json":
      return jsonArray(chunks);
    case "csv":
    case "off-csv":
      return csvRows(chunks, detected);
    default:
      return jsonLines(chunks);
  }
}
