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

export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLargeError(limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
}
