/**
 * @module
 * A plain HTTP client, the way an SDK is one: send the request, read the whole body, and
 * note how it ended. A client that waits past its own timeout has met a hang.
 */
import type { ChatCall } from "./ingress.ts";

export interface Observation {
  /** Undefined when no answer (not even headers) arrived. */
  status: number | undefined;
  /** Lower-case names. */
  headers: Record<string, string>;
  bodyText: string;
  /** From sending the request to the end of the body (or the give-up). */
  elapsedMs: number;
  /** complete: the body ended; hang: the client gave up waiting; broken: the connection failed. */
  ending: "complete" | "hang" | "broken";
  /** What went wrong on the wire, for `hang` and `broken`. */
  problem?: string;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

export async function sendChat(baseUrl: string, call: ChatCall, timeoutMs: number): Promise<Observation> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const elapsed = (): number => Math.round(performance.now() - started);
  let status: number | undefined;
  let headers: Record<string, string> = {};
  let bodyText = "";
  try {
    const response = await fetch(`${baseUrl}${call.path}`, { method: "POST", headers: call.headers, body: call.body, signal });
    status = response.status;
    headers = Object.fromEntries(response.headers);
    const decoder = new TextDecoder();
    if (response.body) {
      for await (const chunk of response.body) bodyText += decoder.decode(chunk, { stream: true });
    }
    bodyText += decoder.decode();
    return { status, headers, bodyText, elapsedMs: elapsed(), ending: "complete" };
  } catch (error) {
    const ending = signal.aborted ? "hang" : "broken";
    const problem = signal.aborted ? `no complete answer within ${timeoutMs} ms` : describe(error);
    return { status, headers, bodyText, elapsedMs: elapsed(), ending, problem };
  }
}
