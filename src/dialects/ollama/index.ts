/**
 * @module
 * The `ollama` dialect: Ollama's native `POST /api/chat`, NDJSON streams, `{"error"}` bodies.
 */
import { classifyFailure } from "../../core/classify-failure.ts";
import { formatNdjson } from "../ndjson.ts";
import type { Dialect } from "../dialect.ts";
import { decodeRequest } from "./decode-request.ts";
import { decodeResponse, responseUsage } from "./decode-response.ts";
import { createStreamDecoder, decodeStream } from "./decode-stream.ts";
import { encodeError } from "./encode-error.ts";
import { encodeRequest } from "./encode-request.ts";
import { encodeResponse } from "./encode-response.ts";
import { encodeStream } from "./encode-stream.ts";

export const ollamaDialect: Dialect = {
  id: "ollama",
  streamContentType: "application/x-ndjson",
  streamFraming: "ndjson",
  streamEndFrame: undefined,
  encodeStreamError: (error) => formatNdjson({ error: error.message }),
  decodeRequest,
  encodeRequest,
  requestPath: () => "/api/chat",
  decodeResponse,
  responseUsage,
  encodeResponse,
  decodeStream,
  createStreamDecoder,
  encodeStream,
  // Ollama's `{"error": "..."}` body is one of the shapes classifyFailure already reads.
  decodeError: classifyFailure,
  encodeError,
};
