/**
 * @module
 * The child side of the IPC channel: say "ready", receive work, exit cleanly on `stop` or
 * when the runner goes away (a bench child must never outlive its runner).
 */
import { isRunnerMessage, type ChildMessage, type RunnerMessage } from "./messages.ts";

export function sendToRunner(message: ChildMessage): void {
  if (process.send) process.send(message);
  else process.stdout.write(`${JSON.stringify(message)}\n`);
}

export interface ChannelHandlers {
  /** Runs before exit on `stop`, disconnect or SIGTERM. */
  stop?(): Promise<void> | void;
  /** Work other than `stop`. */
  message?(message: RunnerMessage): Promise<void> | void;
}

/** Wires the channel; exits with code 0 after `stop()` so a CPU profile gets written. */
export function listenToRunner(handlers: ChannelHandlers): void {
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      await handlers.stop?.();
    } finally {
      process.exit(0);
    }
  };
  process.on("message", (value: unknown) => {
    if (!isRunnerMessage(value)) return;
    if (value.type === "stop") {
      void stop();
      return;
    }
    Promise.resolve(handlers.message?.(value)).catch((error: unknown) => {
      sendToRunner({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    });
  });
  process.on("disconnect", () => void stop());
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}
