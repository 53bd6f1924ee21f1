/**
 * @module
 * Reads a request body with a size limit: a body past the limit is refused as soon as it
 * crosses it (413), not after it has all been buffered.
 */
import type { IncomingMessage } from "node:http";
import { LlmuxError } from "../../core/errors.ts";

export class BodyTooLargeError extends LlmuxError {
  readonly limit: number;
  constructor(limit: number) {
    super("invalid_request", `The request body is larger than the limit of ${limit} bytes.`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/** Reads with events, not async iteration: on the hot path the iterator costs more than the read. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (): void => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        finish();
        request.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      finish();
      reject(error);
    };
    // The client went away before the body ended (node:http emits no error for that).
    const onClose = (): void => {
      if (request.complete) return;
      finish();
      reject(new Error("The client closed the connection before the body ended."));
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("close", onClose);
  });
}
