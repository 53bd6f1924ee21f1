/**
 * @module
 * Drives a dialect's stream decoder (an async generator over text) one frame at a time, so
 * the fast path can forward the upstream's own frames and still know, frame by frame, what
 * they meant: the first content, usage, the finish, or a terminal error.
 */
import type { CanonicalEvent } from "../../core/types/event.ts";
import type { Dialect } from "../../dialects/dialect.ts";

type Pull = { kind: "event"; result: IteratorResult<CanonicalEvent> } | { kind: "hungry" };

export class StreamWatcher {
  readonly #queue: string[] = [];
  #ended = false;
  #wake: (() => void) | undefined;
  #hungry: Promise<void>;
  #signalHungry: () => void = () => {};
  readonly #iterator: AsyncIterator<CanonicalEvent>;
  #pending: Promise<IteratorResult<CanonicalEvent>> | undefined;
  #done = false;

  constructor(dialect: Dialect) {
    this.#hungry = this.#newHungry();
    this.#iterator = dialect.decodeStream(this.#input())[Symbol.asyncIterator]();
  }

  #newHungry(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#signalHungry = resolve;
    });
  }

  async *#input(): AsyncGenerator<string> {
    for (;;) {
      const next = this.#queue.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#ended) return;
      // Tell the driver the decoder has used up everything it was given.
      const resume = new Promise<void>((resolve) => (this.#wake = resolve));
      this.#signalHungry();
      await resume;
    }
  }

  /** Feeds one frame of upstream text; returns the events it completed. */
  push(text: string): Promise<CanonicalEvent[]> {
    this.#queue.push(text);
    this.#resume();
    return this.#drain();
  }

  /** The upstream ended: returns the last events (a finish, or an error for a cut stream). */
  end(): Promise<CanonicalEvent[]> {
    this.#ended = true;
    this.#resume();
    return this.#drain();
  }

  #resume(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #drain(): Promise<CanonicalEvent[]> {
    const events: CanonicalEvent[] = [];
    while (!this.#done) {
      this.#pending ??= this.#iterator.next();
      const pulled: Pull = await Promise.race([
        this.#pending.then((result): Pull => ({ kind: "event", result })),
        this.#hungry.then((): Pull => ({ kind: "hungry" })),
      ]);
      if (pulled.kind === "hungry") {
        this.#hungry = this.#newHungry();
        if (!this.#ended) break;
        continue;
      }
      this.#pending = undefined;
      if (pulled.result.done) {
        this.#done = true;
        break;
      }
      events.push(pulled.result.value);
    }
    return events;
  }
}
