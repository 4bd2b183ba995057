import type { Problem, Severity } from "./types.js";

/** What one feed's validation found: counts by problem, the worst offenders, feed-wide notices. */
export interface FeedReport {
  feed: string;
  store: string | null;
  generatedAt: string;
  /** Offer rows read. */
  products: number;
  /** Items written to the feed (those without errors). */
  emitted: number;
  withErrors: number;
  withWarnings: number;
  problems: { code: string; severity: Severity; attribute: string; count: number; example: string }[];
  worst: { id: string; title: string; errors: number; warnings: number; problems: Problem[] }[];
  /** Feed-wide findings reported once (an http PANIER_PUBLIC_URL, ...). */
  notices: { code: string; severity: Severity; message: string }[];
}

export const WORST_LIMIT = 20;

/** Accumulates problems in constant memory: counters plus a bounded list of worst offenders. */
export class ReportBuilder {
  private products = 0;
  private emitted = 0;
  private withErrors = 0;
  private withWarnings = 0;
  private readonly counts = new Map<string, FeedReport["problems"][number]>();
  private worst: FeedReport["worst"] = [];
  private readonly notices: FeedReport["notices"] = [];

  constructor(
    private readonly feed: string,
    private readonly store: string | null,
  ) {}

  notice(code: string, severity: Severity, message: string): void {
    this.notices.push({ code, severity, message });
  }

  /** Records one product's problems; returns whether it may be emitted (no errors). */
  add(id: string, title: string, problems: Problem[]): boolean {
    this.products++;
    let errors = 0;
    for (const p of problems) {
      if (p.severity === "error") errors++;
      const c = this.counts.get(p.code);
      if (c) c.count++;
      else
        this.counts.set(p.code, {
          code: p.code,
          severity: p.severity,
          attribute: p.attribute,
          count: 1,
          example: p.message,
        });
    }
    const warnings = problems.length - errors;
    if (errors > 0) this.withErrors++;
    else this.emitted++;
    if (warnings > 0) this.withWarnings++;
    if (problems.length > 0) this.rank({ id, title, errors, warnings, problems });
    return errors === 0;
  }

  private rank(entry: FeedReport["worst"][number]): void {
    const worse = (a: typeof entry, b: typeof entry) => b.errors - a.errors || b.warnings - a.warnings;
    if (this.worst.length >= WORST_LIMIT && worse(entry, this.worst[this.worst.length - 1]!) >= 0) return;
    this.worst.push(entry);
    this.worst.sort(worse);
    if (this.worst.length > WORST_LIMIT) this.worst.length = WORST_LIMIT;
  }

  finish(generatedAt: Date): FeedReport {
    return {
      feed: this.feed,
      store: this.store,
      generatedAt: generatedAt.toISOString(),
      products: this.products,
      emitted: this.emitted,
      withErrors: this.withErrors,
      withWarnings: this.withWarnings,
      problems: [...this.counts.values()].sort((a, b) =>
        a.severity === b.severity ? b.count - a.count : a.severity === "error" ? -1 : 1,
      ),
      worst: this.worst,
      notices: this.notices,
    };
  }
}

/** Whether a report holds anything that blocks items (errors) — the CLI's exit status. */
export function reportHasErrors(report: FeedReport): boolean {
  return report.withErrors > 0 || report.notices.some((n) => n.severity === "error");
}
