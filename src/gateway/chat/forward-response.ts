/**
 * @module
 * The fast path for a whole answer: read the upstream's body, learn its usage without
 * decoding the rest, and hand the client the body as the upstream wrote it (OpenAI's gains
 * `usage.cost`).
 */
import { outputTextOf } from "../../core/estimate-tokens.ts";
import { emptyUsage } from "../../core/types/response.ts";
import { readAnswer, type UpstreamCall } from "../../routing/call-upstream.ts";
import { fastPathAdapters, malformedAnswer, sendForwarded, type FastPathRequest, type ForwardedResponse } from "./fast-path.ts";

function hasFigures(usage: { inputTokens?: number | undefined; outputTokens?: number | undefined }): boolean {
  return usage.inputTokens !== undefined || usage.outputTokens !== undefined;
}

export async function forwardResponse(call: UpstreamCall, request: FastPathRequest): Promise<ForwardedResponse> {
  const upstream = await sendForwarded(call, request);
  const text = await readAnswer(call, upstream);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformedAnswer(call, "the body is not JSON");
  }
  let usage;
  try {
    usage = request.dialect.responseUsage(body);
  } catch (error) {
    throw malformedAnswer(call, error instanceof Error ? error.message : String(error));
  }
  const { dialect } = request;
  // Only an answer without usage is decoded whole, for the estimate.
  const outputText = (): string => {
    try {
      return outputTextOf(dialect.decodeResponse(body).value);
    } catch {
      return "";
    }
  };
  const cost = hasFigures(usage) ? request.costOf(usage, call.candidate) : undefined;
  const rewrite = fastPathAdapters[dialect.id].rewriteBody;
  const bodyText = rewrite ? rewrite(text, body as Record<string, unknown>, cost) : text;
  return { usage: hasFigures(usage) ? usage : emptyUsage(), outputText, bodyText, warnings: [] };
}
