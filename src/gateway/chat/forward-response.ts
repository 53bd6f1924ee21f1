/**
 * @module
 * The fast path for a whole answer: read the upstream's body, learn its usage without
 * decoding the rest, and hand the client the body as the upstream wrote it (OpenAI's gains
 * `usage.cost`).
 */
import { outputTextOf } from "../../core/estimate-tokens.ts";
import { hasKnownUsage } from "../../core/types/response.ts";
import { readAnswerWith, readJsonAnswer, type UpstreamCall } from "../../routing/call-upstream.ts";
import { fastPathAdapters, sendForwarded, type FastPathRequest, type ForwardedResponse } from "./fast-path.ts";

export async function forwardResponse(call: UpstreamCall, request: FastPathRequest): Promise<ForwardedResponse> {
  const { response: upstream } = await sendForwarded(call, request);
  const { text, body } = await readJsonAnswer(call, upstream);
  const { dialect } = request;
  const usage = readAnswerWith(call, () => dialect.responseUsage(body));
  // Only an answer without usage is decoded whole, for the estimate.
  const outputText = (): string => {
    try {
      return outputTextOf(dialect.decodeResponse(body).value);
    } catch {
      return "";
    }
  };
  const cost = hasKnownUsage(usage) ? request.costOf(usage, call.candidate) : undefined;
  const rewrite = fastPathAdapters[dialect.id].rewriteBody;
  const bodyText = rewrite ? rewrite(text, body as Record<string, unknown>, cost) : text;
  return { usage, outputText, bodyText, warnings: [] };
}
