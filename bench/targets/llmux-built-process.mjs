/**
 * Process entry: the llmux gateway from a compiled build (see bench/setup/build-llmux.ts).
 * Plain JavaScript on purpose: a .ts entry would load Node's type stripper and inflate the
 * RSS being measured. Speaks the same IPC protocol as bench/processes/child-channel.ts.
 * Args: `--build <dir> --config <yaml text>`.
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { build: { type: "string" }, config: { type: "string" } } });
if (!values.build || !values.config) throw new Error("--build and --config are required");
const { parseConfigText } = await import(`${values.build}/config/index.js`);
const { startGateway } = await import(`${values.build}/gateway/serve.js`);

const { config } = parseConfigText(values.config, "bench.yaml", {});
const gateway = await startGateway({ config, auto: false, status: false, port: 0, watch: false, env: {}, log: () => {} });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await gateway.close(2_000);
  } finally {
    process.exit(0);
  }
}
process.on("message", (message) => {
  if (typeof message === "object" && message !== null && message.type === "stop") void stop();
});
process.on("disconnect", () => void stop());
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.send?.({ type: "ready", url: gateway.url });
