/**
 * A refusal a shopper or a caller can act on: a stable `code`, a message, the HTTP status that
 * fits, and details (alternatives, amounts missing...). Shared by slots and commerce, so the
 * HTTP layer and the dialog catch one class.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
