import type { Reply, Turn } from "../dialog/index.js";
import type { ChannelServices } from "./types.js";

/**
 * Channel services for adapter tests: the dialog answers with `answer` and records each turn;
 * "LINKED-TOKEN" is shopper C001's account link; every session shops at PARIS-11.
 */
export function fakeServices(answer: (t: Turn) => Reply): { services: ChannelServices; turns: Turn[] } {
  const turns: Turn[] = [];
  const services: ChannelServices = {
    dialog: {
      handle: async (t) => {
        turns.push(t);
        return answer(t);
      },
    },
    shopperForToken: async (token) => (token === "LINKED-TOKEN" ? "C001" : null),
    storeFor: async () => "PARIS-11",
  };
  return { services, turns };
}
