import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Commerce } from "../../../commerce/index.js";
import { requireShopper } from "../../auth.js";
import type { AppDeps } from "../../deps.js";
import { ApiError } from "../../errors.js";
import { errorResponses } from "../../views/error.js";
import {
  addressSchema,
  cartSchema,
  cartView,
  holdSchema,
  holdView,
  idParam,
  productId,
  run,
  substitutionSchema,
  toSubstitution,
} from "./shared.js";

const amountBody = z
  .object({
    quantity: z.number().int().min(0).max(10_000).optional(),
    weight_g: z.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((b) => (b.quantity === undefined) !== (b.weight_g === undefined), {
    message: "Give either quantity (selling units) or weight_g (grams, products sold by weight)",
  });
const cartParams = z.object({ cartId: idParam });
const lineParams = z.object({ cartId: idParam, productId });
const modeQuery = z.object({ mode: z.enum(["delivery", "pickup"]).optional() });
const ERRORS = errorResponses(400, 401, 404, 409, 422);
const security = [{ bearer: [] }];

export function cartRoutes(commerce: Commerce): FastifyPluginAsyncZod<AppDeps> {
  return async (app) => {
    /** Every cart route starts here: the shopper's own cart, or 404 for anyone else's. */
    const owned = (
      request: Parameters<typeof requireShopper>[0],
      cartId: string,
      mode?: "delivery" | "pickup",
    ) => run(() => commerce.carts.getOwned(cartId, requireShopper(request), { mode }));

    app.get(
      "/v1/carts/current",
      {
        schema: {
          tags: ["carts"],
          summary: "The shopper's open cart at a store (created empty when there is none)",
          security,
          querystring: z.object({ store: z.string().min(1).max(64) }),
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => {
        const customerId = requireShopper(request);
        return cartView(await run(() => commerce.carts.open({ storeCode: request.query.store, customerId })));
      },
    );

    app.get(
      "/v1/carts/:cartId",
      {
        schema: {
          tags: ["carts"],
          summary: "A cart with prices, promotions, fees (of the held slot's mode, or ?mode=) and VAT",
          security,
          params: cartParams,
          querystring: modeQuery,
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => cartView(await owned(request, request.params.cartId, request.query.mode)),
    );

    app.post(
      "/v1/carts/:cartId/lines",
      {
        schema: {
          tags: ["carts"],
          summary: "Add a product: selling units, or grams for products sold by weight (adds to the line)",
          description:
            "Refusals carry a code (not_sold_here, out_of_stock, insufficient_stock, line_limit, weight_required, quantity_required) and the store's closest alternatives.",
          security,
          params: cartParams,
          body: z
            .object({
              product_id: productId,
              quantity: z.number().int().min(1).max(10_000).optional(),
              weight_g: z.number().int().min(1).max(1_000_000).optional(),
              substitution: substitutionSchema.optional(),
            })
            .refine((b) => (b.quantity === undefined) !== (b.weight_g === undefined), {
              message: "Give either quantity (selling units) or weight_g (grams, products sold by weight)",
            }),
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => {
        const cart = await owned(request, request.params.cartId);
        const b = request.body;
        return cartView(
          await run(() =>
            commerce.carts.add(cart.id, {
              productId: b.product_id,
              quantity: b.quantity,
              weightG: b.weight_g,
              substitution: b.substitution ? toSubstitution(b.substitution) : undefined,
            }),
          ),
        );
      },
    );

    app.put(
      "/v1/carts/:cartId/lines/:productId",
      {
        schema: {
          tags: ["carts"],
          summary: "Set a line's amount (0 removes it)",
          security,
          params: lineParams,
          body: amountBody,
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => {
        const cart = await owned(request, request.params.cartId);
        return cartView(
          await run(() =>
            commerce.carts.set(cart.id, {
              productId: request.params.productId,
              quantity: request.body.quantity,
              weightG: request.body.weight_g,
            }),
          ),
        );
      },
    );

    app.delete(
      "/v1/carts/:cartId/lines/:productId",
      {
        schema: {
          tags: ["carts"],
          summary: "Remove a line, or only ?quantity= units / ?weight_g= grams of it",
          security,
          params: lineParams,
          querystring: z.object({
            quantity: z.coerce.number().int().min(1).optional(),
            weight_g: z.coerce.number().int().min(1).optional(),
          }),
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => {
        const cart = await owned(request, request.params.cartId);
        return cartView(
          await run(() =>
            commerce.carts.remove(cart.id, {
              productId: request.params.productId,
              quantity: request.query.quantity,
              weightG: request.query.weight_g,
            }),
          ),
        );
      },
    );

    app.delete(
      "/v1/carts/:cartId/lines",
      {
        schema: {
          tags: ["carts"],
          summary: "Empty the cart",
          security,
          params: cartParams,
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => {
        const cart = await owned(request, request.params.cartId);
        return cartView(await run(() => commerce.carts.clear(cart.id)));
      },
    );

    app.put(
      "/v1/carts/:cartId/lines/:productId/substitution",
      {
        schema: {
          tags: ["carts"],
          summary: "What the store may do if the product is missing: allow a substitute, refuse, or name one",
          security,
          params: lineParams,
          body: substitutionSchema,
          response: { 200: cartSchema, ...ERRORS },
        },
      },
      async (request) => {
        const cart = await owned(request, request.params.cartId);
        return cartView(
          await run(() =>
            commerce.carts.substitution(cart.id, request.params.productId, toSubstitution(request.body)),
          ),
        );
      },
    );

    app.put(
      "/v1/carts/:cartId/slot",
      {
        schema: {
          tags: ["slots"],
          summary:
            "Hold a delivery or pickup slot for the cart (15 minutes by default; replaces any other hold)",
          security,
          params: cartParams,
          body: z.object({ slot_id: z.string().min(1).max(200), address: addressSchema.optional() }),
          response: { 200: holdSchema, ...ERRORS },
        },
      },
      async (request) => {
        const cart = await owned(request, request.params.cartId);
        if (cart.status !== "open") throw new ApiError(409, "cart_closed", "This cart was already ordered");
        // Without an address in the body, deliveries go to the shopper's saved address.
        const address =
          request.body.address ?? (await commerce.customers.deliveryAddress(requireShopper(request)));
        const hold = await run(() =>
          commerce.slots.hold({
            cartId: cart.id,
            storeCode: cart.storeCode,
            slotId: request.body.slot_id,
            address,
          }),
        );
        return holdView(hold);
      },
    );

    app.delete(
      "/v1/carts/:cartId/slot",
      {
        schema: {
          tags: ["slots"],
          summary: "Give the held slot back",
          security,
          params: cartParams,
          response: { 204: z.null(), ...ERRORS },
        },
      },
      async (request, reply) => {
        const cart = await owned(request, request.params.cartId);
        if (!(await commerce.slots.release(cart.id))) {
          throw new ApiError(404, "no_hold", "This cart holds no slot");
        }
        reply.status(204);
        return null;
      },
    );

    app.post(
      "/v1/carts/:cartId/reorder",
      {
        schema: {
          tags: ["carts"],
          summary: "Refill the cart from the last order or the usual basket",
          security,
          params: cartParams,
          body: z.object({ from: z.enum(["last_order", "usual"]) }),
          response: {
            200: z.object({
              cart: cartSchema,
              added: z.array(
                z.object({
                  id: z.string(),
                  quantity: z.number().int().optional(),
                  weight_g: z.number().int().optional(),
                }),
              ),
              skipped: z.array(z.looseObject({ id: z.string(), code: z.string(), message: z.string() })),
            }),
            ...ERRORS,
          },
        },
      },
      async (request) => {
        const customerId = requireShopper(request);
        const cart = await owned(request, request.params.cartId);
        const result = await run(() =>
          request.body.from === "usual"
            ? commerce.reorder.usual(customerId, cart.id)
            : commerce.reorder.lastOrder(customerId, cart.id),
        );
        return {
          cart: cartView(result.cart),
          added: result.added.map((a) => ({
            id: a.productId,
            ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
            ...(a.weightG !== undefined ? { weight_g: a.weightG } : {}),
          })),
          skipped: result.skipped.map((s) => ({
            id: s.productId,
            code: s.code,
            message: s.message,
            ...(s.alternatives ? { alternatives: s.alternatives } : {}),
          })),
        };
      },
    );
  };
}
