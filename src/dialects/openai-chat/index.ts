/**
 * @module
 * The `openai-chat` dialect: OpenAI Chat Completions and the many providers that speak it
 * (OpenRouter, DeepSeek, Mistral, xAI, Groq, Together, Moonshot, DashScope...).
 */
import { formatSse } from "../sse.ts";
import { classifyFailure } from "../../core/classify-failure.ts";
import type { Dialect } from "../dialect.ts";
import { decodeRequest } from "./decode-request.ts";
import { decodeResponse, responseUsage } from "./decode-response.ts";
import { createStreamDecoder, decodeStream } from "./decode-stream.ts";
import { encodeError, encodeErrorBody } from "./encode-error.ts";
import { encodeRequest } from "./encode-request.ts";
import { encodeResponse } from "./encode-response.ts";
import { encodeStream } from "./encode-stream.ts";

export const openaiChatDialect: Dialect = {
  id: "openai-chat",
  streamContentType: "text/event-stream",
  streamFraming: "sse",
  streamEndFrame: "data: [DONE]\n\n",
  encodeStreamError: (error) => formatSse(JSON.stringify(encodeErrorBody(error).body)),
  decodeRequest,
  encodeRequest,
  // Provider base URLs include the version (`https://api.openai.com/v1`).
  requestPath: () => "/chat/completions",
  decodeResponse,
  responseUsage,
  encodeResponse,
  decodeStream,
  createStreamDecoder,
  encodeStream,
  decodeError: classifyFailure,
  encodeError,
};
