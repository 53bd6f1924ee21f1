/**
 * @module
 * The `anthropic-messages` dialect: Anthropic's Messages API (`POST /v1/messages`), both
 * directions. Provider base URLs exclude `/v1` (as ANTHROPIC_BASE_URL does).
 */
import { classifyFailure } from "../../core/classify-failure.ts";
import { formatSse } from "../sse.ts";
import type { Dialect } from "../dialect.ts";
import { decodeRequest } from "./decode-request.ts";
import { decodeResponse, responseUsage } from "./decode-response.ts";
import { createStreamDecoder, decodeStream } from "./decode-stream.ts";
import { encodeError, encodeErrorBody } from "./encode-error.ts";
import { encodeRequest } from "./encode-request.ts";
import { encodeResponse } from "./encode-response.ts";
import { encodeStream } from "./encode-stream.ts";

export const anthropicMessagesDialect: Dialect = {
  id: "anthropic-messages",
  streamContentType: "text/event-stream",
  streamFraming: "sse",
  streamEndFrame: formatSse(JSON.stringify({ type: "message_stop" }), "message_stop"),
  encodeStreamError: (error) => formatSse(JSON.stringify(encodeErrorBody(error).body), "error"),
  decodeRequest,
  encodeRequest,
  requestPath: () => "/v1/messages",
  decodeResponse,
  responseUsage,
  encodeResponse,
  decodeStream,
  createStreamDecoder,
  encodeStream,
  decodeError: classifyFailure,
  encodeError,
};
