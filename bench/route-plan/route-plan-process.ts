/**
 * @module
 * Process entry: the `router.plan()` benchmark, pinned like a target (`run-route-plan` → result).
 */
import { listenToRunner, sendToRunner } from "../processes/child-channel.ts";
import { measureRoutePlan } from "./measure-route-plan.ts";

listenToRunner({
  async message(message) {
    if (message.type !== "run-route-plan") return;
    sendToRunner({ type: "route-plan-result", result: await measureRoutePlan(message.spec) });
  },
});
sendToRunner({ type: "ready" });
