/** Ids and timestamps for answers llmux writes itself, in OpenAI's form. */
import { randomUUID } from "node:crypto";

export function createCompletionId(): string {
  return `chatcmpl-${randomUUID().replaceAll("-", "")}`;
}

export function currentUnixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
