/**
 * The conformance suite every dialect runs (as hono's router `runTest`): round trips keep
 * canonical data, errors encode to the dialect's native body and read back as the same
 * kind, and streams always terminate properly, whether they finish, fail or are cut.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { collectStream } from "../../src/core/collect-stream.ts";
import { failureKinds, LlmuxError, UpstreamError, type FailureKind } from "../../src/core/errors.ts";
import type { CanonicalEvent } from "../../src/core/types/event.ts";
import type { CanonicalRequest } from "../../src/core/types/request.ts";
import type { CanonicalResponse } from "../../src/core/types/response.ts";
import type { Dialect } from "../../src/dialects/dialect.ts";
import { createFrameSplitter } from "../../src/dialects/stream-frames.ts";
import {
  eventsFor,
  requestSamples,
  responseSamples,
  type RequestSampleName,
  type ResponseSampleName,
} from "./samples.ts";

export interface ConformanceOptions {
  dialect: Dialect;
  /** Samples this dialect cannot express, each with the reason. */
  skipRequests?: Partial<Record<RequestSampleName, string>>;
  skipResponses?: Partial<Record<ResponseSampleName, string>>;
  /** What decoding the encoded sample should give, where the dialect adds required defaults. */
  expectRequest?: (sample: CanonicalRequest) => CanonicalRequest;
  /** Failure kinds the dialect's error body cannot tell apart, each with the kind it reads back. */
  errorKindAliases?: Partial<Record<FailureKind, FailureKind>>;
}

export const errorKinds: readonly FailureKind[] = failureKinds;

/** Bytes as a network would deliver them: JSON text through a real encoder. */
export async function* toBytes(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for await (const chunk of chunks) yield encoder.encode(chunk);
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export async function joinText(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

/** JSON round trip, as the wire would do it. */
export function viaWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Drops what is vendor-specific by nature (raw usage, raw finish reason, timestamps the sample lacks). */
export function comparableResponse(response: CanonicalResponse, sample: CanonicalResponse): unknown {
  const { raw: _raw, ...usage } = response.usage;
  const copy: Record<string, unknown> = {
    ...response,
    usage,
    finishReason: response.finishReason.unified,
  };
  if (sample.created === undefined) delete copy["created"];
  if (sample.extras === undefined) delete copy["extras"];
  return viaWire(copy);
}

export async function lastEvent(events: AsyncIterable<CanonicalEvent>): Promise<CanonicalEvent | undefined> {
  let last: CanonicalEvent | undefined;
  for await (const event of events) last = event;
  return last;
}

/** Decodes bytes delivered in these pieces with the dialect's push decoder, as the gateway's fast path does. */
export function pushDecode(dialect: Dialect, pieces: Iterable<Uint8Array>): CanonicalEvent[] {
  const splitter = createFrameSplitter(dialect.streamFraming);
  const decoder = dialect.createStreamDecoder();
  const events: CanonicalEvent[] = [];
  for (const piece of pieces) for (const frame of splitter.push(piece)) events.push(...decoder.push(frame));
  for (const frame of splitter.end()) events.push(...decoder.push(frame));
  events.push(...decoder.end());
  return events;
}

/** Pieces of `size` bytes: multi-byte characters get split wherever they fall. */
export function splitBytes(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return pieces;
}

/** Events with errors reduced to what they say (two decodes build two error objects). */
export function comparableEvents(events: CanonicalEvent[]): unknown[] {
  return events.map((event) => {
    if (event.type !== "error") return viaWire(event);
    const error: LlmuxError = event.error;
    return { type: "error", kind: error instanceof UpstreamError ? error.kind : error.code, message: error.message };
  });
}

export function runDialectConformance(options: ConformanceOptions): void {
  const { dialect } = options;
  const expectRequest = options.expectRequest ?? ((sample: CanonicalRequest) => sample);

  describe(`${dialect.id} conformance`, () => {
    describe("request round trip (canonical → wire → canonical)", () => {
      for (const [name, sample] of Object.entries(requestSamples) as Array<[RequestSampleName, CanonicalRequest]>) {
        const reason = options.skipRequests?.[name];
        test(name, reason ? { skip: reason } : {}, () => {
          const encoded = dialect.encodeRequest(sample);
          assert.deepEqual(encoded.warnings, [], "a sample the dialect can express encodes without loss");
          const decoded = dialect.decodeRequest(viaWire(encoded.value), { model: sample.model, stream: sample.stream });
          assert.deepEqual(decoded.warnings, []);
          assert.deepEqual(viaWire(decoded.value), viaWire(expectRequest(sample)));
        });
      }
    });

    describe("response round trip (canonical → wire → canonical)", () => {
      for (const [name, sample] of Object.entries(responseSamples) as Array<[ResponseSampleName, CanonicalResponse]>) {
        const reason = options.skipResponses?.[name];
        test(name, reason ? { skip: reason } : {}, () => {
          const encoded = dialect.encodeResponse(sample);
          assert.deepEqual(encoded.warnings, []);
          const decoded = dialect.decodeResponse(viaWire(encoded.value));
          assert.deepEqual(comparableResponse(decoded.value, sample), comparableResponse(sample, sample));
          // The fast path's usage-only read agrees with the full decode.
          assert.deepEqual(dialect.responseUsage(viaWire(encoded.value)), decoded.value.usage);
        });
      }
    });

    test("responseUsage refuses what decodeResponse refuses", () => {
      for (const body of [null, "text", [], { unrelated: true }]) {
        assert.throws(() => dialect.decodeResponse(body));
        assert.throws(() => dialect.responseUsage(body));
      }
    });

    describe("stream round trip (events → wire → events)", () => {
      for (const [name, sample] of Object.entries(responseSamples) as Array<[ResponseSampleName, CanonicalResponse]>) {
        const reason = options.skipResponses?.[name];
        test(name, reason ? { skip: reason } : {}, async () => {
          const wire = await joinText(dialect.encodeStream(fromArray(eventsFor(sample)), { includeUsage: true }));
          const decoded = await collectStream(dialect.decodeStream(toBytes([wire])));
          assert.deepEqual(comparableResponse(decoded, sample), comparableResponse(sample, sample));
        });
      }

      test("decoding survives any split of the bytes", async () => {
        const sample = responseSamples["tool calls"];
        const wire = await joinText(dialect.encodeStream(fromArray(eventsFor(sample)), { includeUsage: true }));
        const pieces: string[] = [];
        for (let at = 0; at < wire.length; at += 7) pieces.push(wire.slice(at, at + 7));
        const decoded = await collectStream(dialect.decodeStream(toBytes(pieces)));
        assert.deepEqual(comparableResponse(decoded, sample), comparableResponse(sample, sample));
      });
    });

    describe("errors", () => {
      for (const kind of errorKinds) {
        test(`${kind} encodes natively and reads back`, () => {
          const error = new UpstreamError({ provider: "p", model: "m-1", kind, message: `simulated ${kind}` });
          const encoded = dialect.encodeError(error);
          assert.ok(encoded.status >= 400 && encoded.status < 600, `status ${encoded.status}`);
          const classification = dialect.decodeError({ status: encoded.status, body: viaWire(encoded.body) });
          assert.equal(classification.kind, options.errorKindAliases?.[kind] ?? kind);
          assert.match(classification.message, new RegExp(`simulated ${kind}`));
        });
      }
    });

    describe("push decoder (createStreamDecoder): the events decodeStream gives, for any split of the bytes", () => {
      const multiByte: CanonicalResponse = { ...responseSamples["text answer"], content: [{ type: "text", text: "Grüße ✓ 日本語 🎉 done" }] };
      const complete = eventsFor(responseSamples["text answer"]);
      const withoutFinish = complete.slice(0, -1);
      const overloaded = new UpstreamError({ provider: "p", model: "m-1", kind: "overloaded", message: "upstream overloaded" });
      const wires: Array<{ name: string; wire: () => Promise<string>; everySplit?: boolean }> = [
        ...(Object.entries(responseSamples) as Array<[ResponseSampleName, CanonicalResponse]>)
          .filter(([name]) => options.skipResponses?.[name] === undefined)
          .map(([name, sample]) => ({
            name,
            wire: () => joinText(dialect.encodeStream(fromArray(eventsFor(sample)), { includeUsage: true })),
            everySplit: name === "tool calls",
          })),
        { name: "multi-byte text", wire: () => joinText(dialect.encodeStream(fromArray(eventsFor(multiByte)), { includeUsage: true })), everySplit: true },
        { name: "in-stream error", wire: () => joinText(dialect.encodeStream(fromArray([...withoutFinish, { type: "error", error: overloaded }]))) },
        { name: "events without finish", wire: () => joinText(dialect.encodeStream(fromArray(withoutFinish))) },
        { name: "cut mid-stream", wire: async () => (await joinText(dialect.encodeStream(fromArray(complete)))).slice(0, 150) },
        { name: "empty body", wire: async () => "" },
      ];
      for (const { name, wire, everySplit } of wires) {
        test(name, async () => {
          const text = await wire();
          const expected = comparableEvents(await Array.fromAsync(dialect.decodeStream(toBytes([text]))));
          const last = expected.at(-1) as { type: string } | undefined;
          assert.ok(last?.type === "finish" || last?.type === "error", "the reference ends with finish or error");
          const bytes = new TextEncoder().encode(text);
          for (const size of [bytes.length || 1, 1, 7, 64]) {
            assert.deepEqual(comparableEvents(pushDecode(dialect, splitBytes(bytes, size))), expected, `pieces of ${size} bytes`);
          }
          if (!everySplit) return;
          for (let at = 1; at < bytes.length; at++) {
            assert.deepEqual(comparableEvents(pushDecode(dialect, [bytes.subarray(0, at), bytes.subarray(at)])), expected, `split at byte ${at}`);
          }
        });
      }

      test("after finish or error it returns nothing more, whatever it is given", async () => {
        const text = await joinText(dialect.encodeStream(fromArray(complete), { includeUsage: true }));
        const frames = createFrameSplitter(dialect.streamFraming).push(text);
        const decoder = dialect.createStreamDecoder();
        const events = frames.flatMap((frame) => decoder.push(frame));
        // Gemini has no end marker: its finish comes when the body ends.
        if (events.at(-1)?.type !== "finish") events.push(...decoder.end());
        assert.equal(events.filter((event) => event.type === "finish" || event.type === "error").length, 1);
        assert.equal(events.at(-1)?.type, "finish");
        for (const frame of frames) assert.deepEqual(decoder.push(frame), []);
        assert.deepEqual(decoder.end(), []);
      });

      test("a frame that is not this dialect's ends the stream with a server error, once", () => {
        const decoder = dialect.createStreamDecoder();
        const events = decoder.push({ data: "{not json" });
        assert.equal(events.length, 1);
        const error = events[0];
        assert.ok(error?.type === "error" && error.error instanceof UpstreamError && error.error.kind === "server");
        assert.deepEqual(decoder.push({ data: "{}" }), []);
        assert.deepEqual(decoder.end(), []);
      });
    });

    describe("stream termination", () => {
      const sample = responseSamples["text answer"];
      const complete = eventsFor(sample);
      const withoutFinish = complete.slice(0, -1);

      test("a finished stream decodes to finish", async () => {
        const wire = await joinText(dialect.encodeStream(fromArray(complete)));
        assert.equal((await lastEvent(dialect.decodeStream(toBytes([wire]))))?.type, "finish");
      });

      test("an error event ends the stream with the dialect's error form", async () => {
        const error = new UpstreamError({ provider: "p", model: "m-1", kind: "overloaded", message: "upstream overloaded" });
        const events = [...withoutFinish, { type: "error", error } satisfies CanonicalEvent];
        const wire = await joinText(dialect.encodeStream(fromArray(events)));
        const last = await lastEvent(dialect.decodeStream(toBytes([wire])));
        assert.equal(last?.type, "error");
        assert.match(last.type === "error" ? last.error.message : "", /upstream overloaded/);
      });

      test("events that end without finish are encoded as an error, never a clean end", async () => {
        const wire = await joinText(dialect.encodeStream(fromArray(withoutFinish)));
        assert.equal((await lastEvent(dialect.decodeStream(toBytes([wire]))))?.type, "error");
      });

      test("an upstream cut mid-stream decodes to a terminal error", async () => {
        const wire = await joinText(dialect.encodeStream(fromArray(complete)));
        const cut = wire.slice(0, Math.floor(wire.length / 2));
        assert.equal((await lastEvent(dialect.decodeStream(toBytes([cut]))))?.type, "error");
      });

      test("an empty upstream body decodes to a terminal error", async () => {
        assert.equal((await lastEvent(dialect.decodeStream(toBytes([]))))?.type, "error");
      });

      test("a transport failure while reading decodes to a terminal error", async () => {
        const wire = await joinText(dialect.encodeStream(fromArray(complete)));
        async function* broken(): AsyncGenerator<Uint8Array> {
          yield new TextEncoder().encode(wire.slice(0, 10));
          throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
        }
        const last = await lastEvent(dialect.decodeStream(broken()));
        assert.equal(last?.type, "error");
      });
    });
  });
}
