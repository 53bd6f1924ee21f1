/**
 * The conversation's request exactly as an official SDK sends it: the SDK of the dialect
 * is driven against a simulated provider of the same dialect, which records the request
 * (and answers it, after checking it with the vendor's validator, so the SDK is content).
 */
import type { RequestDecodeContext } from "../../../src/dialects/dialect.ts";
import { startSimulatedProvider, type SimulatedRequest } from "../../../src/simulator/index.ts";
import { askWithSdk, type SdkDialect } from "./sdk-clients.ts";

export interface CapturedRequest {
  request: SimulatedRequest;
  /** What the URL says that the body does not (Gemini: model and streaming). */
  context: RequestDecodeContext;
}

const cache = new Map<string, Promise<CapturedRequest>>();

async function capture(dialect: SdkDialect, stream: boolean): Promise<CapturedRequest> {
  const provider = await startSimulatedProvider({ dialect });
  try {
    await askWithSdk(dialect, provider.url, { stream });
    const request = provider.requests.find((entry) => entry.endpoint !== "models");
    if (request === undefined) throw new Error(`the ${dialect} SDK sent nothing`);
    const context: RequestDecodeContext = { stream: request.stream };
    if (request.model !== undefined) context.model = request.model;
    return { request, context };
  } finally {
    await provider.close();
  }
}

/** Captured once per dialect and stream flag, then shared by every cell that needs it. */
export function captureClientRequest(dialect: SdkDialect, stream: boolean): Promise<CapturedRequest> {
  const key = `${dialect}:${stream}`;
  let captured = cache.get(key);
  if (captured === undefined) {
    captured = capture(dialect, stream);
    cache.set(key, captured);
  }
  return captured;
}
