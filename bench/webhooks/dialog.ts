import type { Reply, Turn } from "../../src/dialog/index.js";
import type { AppDeps } from "../../src/http/index.js";

/**
 * The real conversation engine for the bench, as the server builds it; undefined while the
 * dialog does not export one yet (the bench then measures the adapter with a minimal dialog).
 */
export async function realDialog(deps: AppDeps): Promise<{ handle(turn: Turn): Promise<Reply> } | undefined> {
  const dialog = (deps as AppDeps & { dialog?: { handle(turn: Turn): Promise<Reply> } }).dialog;
  return dialog ? { handle: (turn) => dialog.handle(turn) } : undefined;
}
