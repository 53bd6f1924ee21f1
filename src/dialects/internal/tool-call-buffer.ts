/**
 * For dialects that send a tool call whole (Gemini, Ollama): gathers a call's start and
 * argument fragments until its end, keyed by block index.
 */
import type { Extras } from "../../core/types/message.ts";
import type { ToolCallDeltaEvent, ToolCallStartEvent } from "../../core/types/event.ts";

export interface BufferedToolCall {
  id: string;
  name: string;
  /** The whole arguments JSON text. */
  arguments: string;
  extras?: Extras;
}

export class ToolCallBuffer {
  readonly #calls = new Map<number, BufferedToolCall>();

  start(event: ToolCallStartEvent): void {
    const call: BufferedToolCall = { id: event.id, name: event.name, arguments: "" };
    if (event.extras !== undefined) call.extras = event.extras;
    this.#calls.set(event.index, call);
  }

  delta(event: ToolCallDeltaEvent): void {
    const call = this.#calls.get(event.index);
    if (call) call.arguments += event.argumentsDelta;
  }

  /** The finished call, removed from the buffer. */
  end(index: number): BufferedToolCall | undefined {
    const call = this.#calls.get(index);
    this.#calls.delete(index);
    return call;
  }

  /** Calls never ended, in start order (flushed when the stream finishes). */
  drain(): BufferedToolCall[] {
    const calls = [...this.#calls.values()];
    this.#calls.clear();
    return calls;
  }

  get size(): number {
    return this.#calls.size;
  }
}
