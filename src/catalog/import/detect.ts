import type { FormatOption, ImportFormat } from "./types.js";

export interface Detected {
  format: ImportFormat;
  /** CSV delimiter (comma, semicolon or tab). */
  delimiter?: string;
}

export class FormatError extends Error {
  readonly code = "unknown_format";
}

function firstLine(head: string): string {
  const trimmed = head.replace(/^\s+/, "");
  const end = trimmed.indexOf("\n");
  return (end < 0 ? trimmed : trimmed.slice(0, end)).replace(/\r$/, "");
}

/** The delimiter that splits the header line into the most fields, outside quotes. */
function csvDelimiter(line: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0]![0];
}

function isOffObject(obj: Record<string, unknown>): boolean {
  return "code" in obj && !("gtin" in obj) && ("product_name" in obj || "brands" in obj);
}

/**
 * The format of a file, judged by its content (never by its name): a JSON array, JSON lines
 * (shared or Open Food Facts, told apart by their keys), or delimited text (the shared columns,
 * or Open Food Facts' tab-separated export with `code` and `product_name`).
 */
export function detectFormat(head: string, option: FormatOption = "auto"): Detected {
  const line = firstLine(head);
  const startsJson = line.startsWith("{") || line.startsWith("[");
  if (option === "json" || (option === "auto" && line.startsWith("["))) return { format: "json" };
  if (option === "jsonl") return { format: "jsonl" };
  if (option === "csv") return { format: "csv", delimiter: csvDelimiter(line) };
  if (option === "off") {
    return startsJson ? { format: "off-jsonl" } : { format: "off-csv", delimiter: csvDelimiter(line) };
  }
  if (line === "") return { format: "jsonl" };
  if (line.startsWith("{")) {
    try {
      const obj = JSON.parse(line) as Record<string, unknown>;
      return { format: obj && typeof obj === "object" && isOffObject(obj) ? "off-jsonl" : "jsonl" };
    } catch {
      // A broken first line is still JSON lines; the reader reports it with its number.
      return { format: "jsonl" };
    }
  }
  const delimiter = csvDelimiter(line);
  const columns = line.split(delimiter).map((c) => c.replace(/^"|"$/g, "").trim().toLowerCase());
  if (columns.length < 2) {
    throw new FormatError(
      "Cannot tell the file's format: expected JSON lines, a JSON array, or CSV with a header line",
    );
  }
  if (columns.includes("code") && columns.includes("product_name")) return { format: "off-csv", delimiter };
  return { format: "csv", delimiter };
}
