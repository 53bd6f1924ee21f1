/**
 * @module
 * The `gemini` dialect: Google's Gemini API (`generateContent`, `streamGenerateContent`).
 */
import { classifyFailure } from "../../core/classify-failure.ts";
import type { Dialect } from "../dialect.ts";
import { decodeRequest } from "./decode-request.ts";
import { decodeResponse, responseUsage } from "./decode-response.ts";
import { createStreamDecoder, decodeStream } from "./decode-stream.ts";
import { encodeError } from "./encode-error.ts";
import { encodeRequest } from "./encode-request.ts";
import { encodeResponse } from "./encode-response.ts";
import { encodeStream, encodeStreamError } from "./encode-stream.ts";
import { requestPath } from "./request-path.ts";

export const geminiDialect: Dialect = {
  id: "gemini",
  streamContentType: "text/event-stream",
  streamFraming: "sse",
  // No end marker: a Gemini stream is complete when it closes after a finishReason.
  streamEndFrame: undefined,
  encodeStreamError,
  decodeRequest,
  encodeRequest,
  requestPath,
  decodeResponse,
  responseUsage,
  encodeResponse,
  decodeStream,
  createStreamDecoder,
  encodeStream,
  // Gemini's google.rpc bodies (status names, RetryInfo, API_KEY_INVALID) are read there.
  decodeError: classifyFailure,
  encodeError,
};
