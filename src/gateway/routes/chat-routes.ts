/**
 * @module
 * The chat endpoints of every dialect: read and parse the body, then the shared pipeline.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { InvalidRequestError } from "../../core/errors.ts";
import { isRecord } from "../../dialects/internal/json.ts";
import type { RequestDecodeContext } from "../../dialects/dialect.ts";
import { handleChat } from "../chat/handle-chat.ts";
import { recordRefused } from "../chat/record-usage.ts";
import type { Handler, RequestContext } from "../context.ts";
import { checkJsonDepth } from "../http/check-json-depth.ts";
import { readBody } from "../http/read-body.ts";
import type { GatewayRuntime } from "../runtime.ts";

export async function readJsonBody(request: IncomingMessage, runtime: GatewayRuntime): Promise<Record<string, unknown>> {
  const bytes = await readBody(request, runtime.config.server.bodyLimit);
  checkJsonDepth(bytes);
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new InvalidRequestError("The request body is not valid JSON.");
  }
  if (!isRecord(body)) throw new InvalidRequestError("The request body must be a JSON object.");
  return body;
}

function chatHandler(decodeContext: (context: RequestContext) => RequestDecodeContext): Handler {
  return async function chat(request: IncomingMessage, response: ServerResponse, context: RequestContext, runtime: GatewayRuntime): Promise<void> {
    let body: Record<string, unknown>;
    let decoded: RequestDecodeContext;
    try {
      body = await readJsonBody(request, runtime);
      decoded = decodeContext(context);
    } catch (thrown) {
      await recordRefused(runtime, { context, dialect: context.dialect, requestedModel: context.params["model"], thrown });
      throw thrown;
    }
    // Returned, not awaited: this frame need not stay alive while the upstream answers.
    return handleChat(request, response, context, runtime, { dialect: context.dialect, body, decodeContext: decoded });
  };
}

/** OpenAI, Anthropic and Ollama carry model and stream flag in the body. */
export const bodyChat = chatHandler(() => ({}));

/** Gemini puts the model in the path and streaming in the action name. */
export const geminiChat = chatHandler((context) => {
  let model: string;
  try {
    model = decodeURIComponent(context.params["model"] ?? "");
  } catch {
    throw new InvalidRequestError("The model in the path is not valid percent-encoding.", { param: "model" });
  }
  if (model === "") throw new InvalidRequestError("The path names no model.", { param: "model" });
  return { model, stream: context.params["action"] === "streamGenerateContent" };
});
