import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Commerce, Order } from "../../../commerce/index.js";
import { requireScope, requireShopper } from "../../auth.js";
import type { AppDeps } from "../../deps.js";
import { ApiError } from "../../errors.js";
import { errorResponses } from "../../views/error.js";
import { idParam, isAdmin, orderSchema, orderView, run, slotSchema, slotView } from "./shared.js";

const ERRORS = errorResponses(400, 401, 403, 404, 409, 422);
const security = [{ bearer: [] }];
const orderParams = z.object({ orderId: idParam });
const weightsBody = z.object({
  weights: z
    .record(z.string().min(1).max(64), z.number().int().min(0).max(1_000_000))
    .optional()
    .describe("Real weight in grams by product id, for products sold by weight (0: missing)"),
});

export function orderRoutes(commerce: Commerce): FastifyPluginAsyncZod<AppDeps> {
  return async (app) => {
    app.get(
      "/v1/stores/:code/slots",
      {
        schema: {
          tags: ["slots"],
          summary: "Bookable delivery or pickup slots of a store for the next 14 days, with places left",
          params: z.object({ code: z.string().min(1).max(64) }),
          querystring: z.object({ mode: z.enum(["delivery", "pickup"]) }),
          response: { 200: z.object({ items: z.array(slotSchema) }), ...ERRORS },
        },
      },
      async (request) => {
        const slots = await run(() => commerce.slots.list(request.params.code, request.query.mode));
        return { items: slots.map(slotView) };
      },
    );

    app.post(
      "/v1/carts/:cartId/checkout",
      {
        schema: {
          tags: ["orders"],
          summary:
            "Place the order: needs a held slot, the minimum basket and stock; send an Idempotency-Key",
          description:
            "Retrying with the same Idempotency-Key returns the first result (header Idempotent-Replayed: true); the same key with a different body is refused (422 idempotency_key_reused).",
          security,
          params: z.object({ cartId: idParam }),
          headers: z.looseObject({ "idempotency-key": z.string().min(1).max(200) }),
          body: z
            .object({
              payment_method: z.literal("pay_at_fulfilment").optional(),
              note: z.string().max(500).optional(),
            })
            .nullish(),
          response: { 201: orderSchema, ...ERRORS },
        },
      },
      async (request, reply) => {
        const customerId = requireShopper(request);
        const result = await run(() =>
          commerce.checkout({
            cartId: request.params.cartId,
            customerId,
            idempotencyKey: request.headers["idempotency-key"],
            body: request.body ?? {},
          }),
        );
        if (result.replayed) reply.header("idempotent-replayed", "true");
        reply.status(201);
        return orderView(result.order);
      },
    );

    app.get(
      "/v1/orders",
      {
        schema: {
          tags: ["orders"],
          summary: "The shopper's orders, newest first",
          security,
          response: { 200: z.object({ items: z.array(orderSchema) }), ...ERRORS },
        },
      },
      async (request) => {
        const orders = await commerce.orders.list(requireShopper(request));
        return { items: orders.map(orderView) };
      },
    );

    app.get(
      "/v1/admin/orders",
      {
        schema: {
          tags: ["orders"],
          summary: "Store staff: a store's orders in slot order, optionally of one status (admin)",
          security,
          querystring: z.object({
            store: z.string().min(1).max(64),
            status: orderSchema.shape.status.optional(),
            limit: z.coerce.number().int().min(1).max(500).optional(),
          }),
          response: { 200: z.object({ items: z.array(orderSchema) }), ...ERRORS },
        },
      },
      async (request) => {
        requireScope(request, "admin");
        const { store, status, limit } = request.query;
        return { items: (await commerce.orders.listForStore(store, { status, limit })).map(orderView) };
      },
    );

    /** The shopper's own order, or any order for an admin key (store staff); else 404. */
    async function visible(request: Parameters<typeof requireShopper>[0], id: string): Promise<Order> {
      if (isAdmin(request)) {
        const order = await commerce.orders.get(id);
        if (!order) throw new ApiError(404, "order_not_found", "This order was not found");
        return order;
      }
      return run(() => commerce.orders.getOwned(id, requireShopper(request)));
    }

    app.get(
      "/v1/orders/:orderId",
      {
        schema: {
          tags: ["orders"],
          summary: "One order: lines, estimated and final totals, VAT, payment and status",
          security,
          params: orderParams,
          response: { 200: orderSchema, ...ERRORS },
        },
      },
      async (request) => orderView(await visible(request, request.params.orderId)),
    );

    app.post(
      "/v1/orders/:orderId/cancel",
      {
        schema: {
          tags: ["orders"],
          summary:
            "Cancel: the shopper until orders close (2 h before the slot), the store (admin key) any time",
          security,
          params: orderParams,
          body: z.object({ reason: z.string().max(500).optional() }).nullish(),
          response: { 200: orderSchema, ...ERRORS },
        },
      },
      async (request) => {
        const reason = request.body?.reason;
        if (isAdmin(request)) {
          return orderView(
            await run(() => commerce.orders.cancel(request.params.orderId, { kind: "store" }, reason)),
          );
        }
        const customerId = requireShopper(request);
        return orderView(
          await run(() =>
            commerce.orders.cancel(request.params.orderId, { kind: "shopper", customerId }, reason),
          ),
        );
      },
    );

    const storeStep = (
      path: string,
      summary: string,
      act: (id: string, weights: Record<string, number>) => Promise<Order>,
    ) =>
      app.post(
        `/v1/orders/:orderId/${path}`,
        {
          schema: {
            tags: ["orders"],
            summary,
            security,
            params: orderParams,
            body: weightsBody.nullish(),
            response: { 200: orderSchema, ...ERRORS },
          },
        },
        async (request) => {
          requireScope(request, "admin");
          return orderView(await run(() => act(request.params.orderId, request.body?.weights ?? {})));
        },
      );

    storeStep("prepare", "Store: start preparing; record real weights of weighed lines (admin)", (id, w) =>
      commerce.orders.prepare(id, w),
    );
    storeStep("ready", "Store: pickup order ready; unweighed lines keep their estimate (admin)", (id, w) =>
      commerce.orders.ready(id, w),
    );
    storeStep("out-for-delivery", "Store: delivery order left the store (admin)", (id, w) =>
      commerce.orders.outForDelivery(id, w),
    );
    storeStep("complete", "Store: handed over and paid; feeds the purchase history (admin)", (id) =>
      commerce.orders.complete(id),
    );
  };
}
