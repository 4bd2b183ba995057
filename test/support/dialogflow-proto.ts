import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import protobuf from "protobufjs";
import { fromProto3JSON, type JSONValue, toProto3JSON } from "proto3-json-serializer";

/**
 * Strict checks against the official message types shipped in @google-cloud/dialogflow-cx:
 * parse the JSON with the proto3 JSON mapping, verify the message, and serialise it back. A
 * misspelled key is silently dropped by the parser and a wrong enum name is lost, so any
 * difference between what we sent and the round trip is a bug.
 */
const require = createRequire(import.meta.url);
const protosPath = require.resolve("@google-cloud/dialogflow-cx/build/protos/protos.json");
const root = protobuf.Root.fromJSON(JSON.parse(readFileSync(protosPath, "utf8")));
const V3 = "google.cloud.dialogflow.cx.v3";

export function roundTrip(
  typeName: "WebhookRequest" | "WebhookResponse" | "Agent" | "Webhook" | "Flow",
  json: unknown,
): unknown {
  const type = root.lookupType(`${V3}.${typeName}`);
  // proto3-json-serializer bundles its own protobufjs major: same runtime shape, other types.
  const message = fromProto3JSON(type as unknown as Parameters<typeof fromProto3JSON>[0], json as JSONValue);
  if (!message) throw new Error(`${typeName}: not parseable`);
  const problem = type.verify(message);
  if (problem) throw new Error(`${typeName}: ${problem}`);
  return toProto3JSON(message);
}
