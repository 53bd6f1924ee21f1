/**
 * Request direction, every ordered pair (ingress A, upstream B) of openai-chat,
 * anthropic-messages and gemini, same-dialect pairs as controls, streaming and not: the
 * conversation as A's official SDK sends it → A.decodeRequest → B.encodeRequest → B's strict
 * validator finds no problem, and the system prompt, both tools, the image and the
 * tool-call/tool-result history are all there in B's own fields.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { getDialect } from "../../../src/dialects/registry.ts";
import { validateRequest } from "../../../src/simulator/index.ts";
import { authHeaders } from "../../simulator/sim-client.ts";
import { captureClientRequest } from "./capture-client-request.ts";
import { conversation, png } from "./conversation.ts";
import { sdkDialects, type SdkDialect } from "./sdk-clients.ts";
import { readWireFeatures } from "./wire-features.ts";

/** Dialects that name a tool result by the call's id (the others by the function's name). */
const resultsById: ReadonlySet<string> = new Set(["openai-chat", "anthropic-messages"]);

async function translate(ingress: SdkDialect, upstream: SdkDialect, stream: boolean): Promise<{ body: unknown; path: string }> {
  const captured = await captureClientRequest(ingress, stream);
  const canonical = getDialect(ingress).decodeRequest(captured.request.body, captured.context).value;
  const request = { ...canonical, model: conversation.model[upstream] };
  const target = getDialect(upstream);
  return { body: target.encodeRequest(request, { forceStreamUsage: true }).value, path: target.requestPath(request) };
}

for (const ingress of sdkDialects) {
  for (const upstream of sdkDialects) {
    for (const stream of [false, true]) {
      const mode = stream ? "stream" : "non-stream";
      describe(`${ingress} ← ${upstream}, ${mode}, request`, () => {
        test(`${ingress} ← ${upstream}, ${mode}, request passes the ${upstream} validator`, async () => {
          const { body } = await translate(ingress, upstream, stream);
          assert.deepEqual(validateRequest({ dialect: upstream, body, headers: authHeaders(upstream) }), []);
        });

        test(`${ingress} ← ${upstream}, ${mode}, system, tools and image survive`, async () => {
          const features = readWireFeatures(upstream, (await translate(ingress, upstream, stream)).body);
          assert.equal(features.system, conversation.system);
          assert.deepEqual(features.tools, [
            { name: "get_weather", description: "Current weather for a city", properties: ["city", "unit"], required: ["city"] },
            { name: "get_time", description: "Local time in an IANA timezone", properties: ["tz"], required: ["tz"] },
          ]);
          assert.deepEqual(features.images, [{ mediaType: "image/png", data: png }]);
          assert.deepEqual(features.texts, [conversation.question, conversation.answer, conversation.followUp]);
          assert.equal(features.maxOutputTokens, 300);
        });

        test(`${ingress} ← ${upstream}, ${mode}, tool-call history survives with consistent ids`, async () => {
          const features = readWireFeatures(upstream, (await translate(ingress, upstream, stream)).body);
          assert.deepEqual(
            features.calls.map((call) => [call.name, call.arguments]),
            conversation.calls.map((call) => [call.name, call.arguments]),
          );
          assert.deepEqual(
            features.results.map((result) => result.text),
            [...conversation.results],
          );
          if (resultsById.has(upstream)) {
            const ids = features.calls.map((call) => call.id);
            assert.equal(new Set(ids).size, 2, "two distinct call ids");
            assert.deepEqual(features.results.map((result) => result.ref), ids);
            // Ids the client chose travel unchanged; Gemini sends none, so they are made up consistently.
            if (ingress !== "gemini") assert.deepEqual(ids, conversation.calls.map((call) => call.id));
          } else {
            assert.deepEqual(features.results.map((result) => result.ref), ["get_weather", "get_time"]);
          }
        });

        test(`${ingress} ← ${upstream}, ${mode}, the stream choice reaches the upstream`, async () => {
          const { body, path } = await translate(ingress, upstream, stream);
          if (upstream === "gemini") assert.equal(path.includes(":streamGenerateContent?alt=sse"), stream);
          else assert.equal((body as { stream?: boolean }).stream === true, stream);
        });
      });
    }
  }
}
