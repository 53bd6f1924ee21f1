/**
 * @module
 * Scenarios where the answer itself breaks. Streaming, once content reached the client
 * there is no rescue (continuation is another feature): the only correct outcome is a clean
 * in-stream error, never a clean end. Non-streaming, nothing reached the client yet, so the
 * same fault on the body (cut, stalled, garbled, short) must be retried or fallen back from.
 */
import { expectCalls, healthy, type Scenario } from "../scenario.ts";

const streamCut: Scenario = {
  id: "stream-cut",
  title: "Connection cut mid-answer (stream: after 3 chunks; JSON: half the body)",
  upstreams: ({ stream }) => (stream ? { primary: { ...healthy, cutAfterChunks: 3 } } : { primary: healthy, proxy: (index) => (index === 0 ? "cut-body" : undefined) }),
  expect: ({ stream }) => (stream ? { grade: "safe" } : { grade: "pass" }),
  // Past the first byte a stream is the client's: no second upstream may start writing into it.
  check: ({ topology, context }) => (context.stream ? expectCalls("the fallback", topology.fallback.count(), { exactly: 0 }) : []),
};

const streamStall: Scenario = {
  id: "stream-stall",
  title: "Upstream goes silent mid-answer with the socket open: idle timeout",
  upstreams: ({ stream }) => (stream ? { primary: { ...healthy, stallAfterChunks: 3 } } : { primary: healthy, proxy: (index) => (index === 0 ? "stall-body" : undefined) }),
  expect: ({ stream }) => (stream ? { grade: "safe" } : { grade: "pass" }),
  check: ({ topology, context }) => (context.stream ? expectCalls("the fallback", topology.fallback.count(), { exactly: 0 }) : []),
};

const malformedChunk: Scenario = {
  id: "malformed-chunk",
  title: "A malformed chunk mid-stream (JSON: a garbled body, once)",
  upstreams: ({ stream }) => (stream ? { primary: { ...healthy, malformedChunkAt: 4 } } : { primary: healthy, proxy: (index) => (index === 0 ? "garbage-body" : undefined) }),
  expect: ({ stream }) => (stream ? { grade: "safe" } : { grade: "pass", servedBy: "primary" }),
};

const malformedFirstChunk: Scenario = {
  id: "malformed-first-chunk",
  title: "A malformed first chunk, every time (JSON: always garbled): nothing sent yet, so the fallback",
  upstreams: ({ stream }) => (stream ? { primary: { ...healthy, malformedChunkAt: 1 } } : { primary: healthy, proxy: () => "garbage-body" }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check: ({ topology }) => expectCalls("the primary", topology.primary.count(), { atMost: 2 }),
};

const noEndMarker: Scenario = {
  id: "no-end-marker",
  title: "A complete answer without its end marker (stream: no [DONE]/message_stop; JSON: close-delimited)",
  upstreams: ({ stream }) => (stream ? { primary: { ...healthy, omitTerminator: true } } : { primary: healthy, proxy: () => "close-delimited" }),
  expect: () => ({ grade: "pass", servedBy: "primary" }),
};

const endsEarly: Scenario = {
  id: "ends-early",
  title: "The answer ends cleanly but short: half the frames (or half the JSON), then a normal close",
  upstreams: () => ({ primary: healthy, proxy: (index) => (index === 0 ? "end-early" : undefined) }),
  expect: ({ stream }) => (stream ? { grade: "safe" } : { grade: "pass" }),
  check: ({ topology, context }) => (context.stream ? expectCalls("the fallback", topology.fallback.count(), { exactly: 0 }) : []),
};

const errorAfter200: Scenario = {
  id: "error-after-200",
  title: "A 200 whose body is an error (in-stream error before any content), every time: the fallback",
  upstreams: () => ({ primary: healthy, proxy: () => "error-after-200" }),
  expect: () => ({ grade: "pass", servedBy: "fallback" }),
  check: ({ topology }) => expectCalls("the primary", topology.primary.count(), { atMost: 2 }),
};

const slowButSteady: Scenario = {
  id: "slow-but-steady",
  title: "Slow but alive: chunks (or the answer) within the limits, however long in total, are not cut",
  upstreams: ({ profile, stream }) => ({
    primary: stream ? { ...healthy, chunkDelayMs: Math.round(profile.timeouts.idleMs / 4) } : { ...healthy, delayMs: Math.round(profile.timeouts.attemptMs / 2) },
  }),
  expect: () => ({ grade: "pass", servedBy: "primary" }),
  check: ({ topology }) => [...expectCalls("the primary", topology.primary.count(), { exactly: 1 }), ...expectCalls("the fallback", topology.fallback.count(), { exactly: 0 })],
};

export const streamFaultScenarios: Scenario[] = [streamCut, streamStall, malformedChunk, malformedFirstChunk, noEndMarker, endsEarly, errorAfter200, slowButSteady];
