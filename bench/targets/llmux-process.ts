/**
 * @module
 * Process entry: the llmux gateway from src/ (Node's type stripping), as `--llmux-source`
 * asks; the default is the compiled build (llmux-built-process.mjs). Arg: `--config <yaml>`.
 */
import { parseArgs } from "node:util";
import { parseConfigText } from "../../src/config/index.ts";
import { startGateway } from "../../src/gateway/serve.ts";
import { listenToRunner, sendToRunner } from "../processes/child-channel.ts";

const { values } = parseArgs({ options: { config: { type: "string" } } });
if (!values.config) throw new Error("--config is required");

const { config } = parseConfigText(values.config, "bench.yaml", {});
const gateway = await startGateway({ config, auto: false, status: false, port: 0, watch: false, env: {}, log: () => {} });
listenToRunner({ stop: () => gateway.close(2_000) });
sendToRunner({ type: "ready", url: gateway.url });
