/**
 * @module
 * Process entry: the fake upstream. Args: `--latency-ms N --chunks N --chunk-delay-ms N`;
 * `configure-upstream` changes them between cases (answered with `configured`).
 */
import { parseArgs } from "node:util";
import { listenToRunner, sendToRunner } from "../processes/child-channel.ts";
import { startFakeUpstream } from "./fake-upstream.ts";

const { values } = parseArgs({
  options: {
    "latency-ms": { type: "string", default: "0" },
    chunks: { type: "string", default: "20" },
    "chunk-delay-ms": { type: "string", default: "5" },
    port: { type: "string", default: "0" },
  },
});

const upstream = await startFakeUpstream({
  latencyMs: Number(values["latency-ms"]),
  chunks: Number(values.chunks),
  chunkDelayMs: Number(values["chunk-delay-ms"]),
  port: Number(values.port),
});
listenToRunner({
  stop: () => upstream.close(),
  message(message) {
    if (message.type !== "configure-upstream") return;
    upstream.configure(message.shape);
    sendToRunner({ type: "configured" });
  },
});
sendToRunner({ type: "ready", url: upstream.url });
