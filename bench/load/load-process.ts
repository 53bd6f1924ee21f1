/**
 * @module
 * Process entry: the load generator, kept alive for the whole run and driven over IPC
 * (`run-load` → `load-result`), so it is started and pinned once.
 */
import { listenToRunner, sendToRunner } from "../processes/child-channel.ts";
import { runLoad } from "./load-generator.ts";

listenToRunner({
  async message(message) {
    if (message.type !== "run-load") return;
    sendToRunner({ type: "load-result", result: await runLoad(message.spec) });
  },
});
sendToRunner({ type: "ready" });
