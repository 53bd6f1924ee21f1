/**
 * Per client dialect: the model it asks for, the provider that serves it in its own dialect
 * (so faults there go through the fast path), the same model through OpenRouter (the
 * fallback, translated for Anthropic and Gemini clients), and how its errors look on the wire.
 */
import assert from "node:assert/strict";
import type { ClientDialect, GatewayClient } from "./clients.ts";
import type { UpstreamId } from "./harness.ts";

export interface Profile {
  /** The provider speaking the client's own dialect. */
  primary: UpstreamId;
  model: string;
  /** The same model's id at OpenRouter. */
  openrouterModel: string;
  /** A model with a larger context window, and its provider (reached through a configured chain). */
  larger: { model: string; provider: UpstreamId };
  /** A key of the client's vendor, for passthrough. */
  callerKey: string;
  /** Another model and its provider, for a request's own fallbacks. */
  other: { model: string; provider: UpstreamId };
}

export const profiles: Record<ClientDialect, Profile> = {
  openai: {
    primary: "openai",
    model: "gpt-4o-mini",
    openrouterModel: "openai/gpt-4o-mini",
    larger: { model: "gpt-4.1-mini", provider: "openai" },
    callerKey: "sk-caller-own-key-1",
    other: { model: "claude-haiku-4-5", provider: "anthropic" },
  },
  anthropic: {
    primary: "anthropic",
    model: "claude-haiku-4-5",
    openrouterModel: "anthropic/claude-haiku-4.5",
    larger: { model: "claude-sonnet-4-6", provider: "anthropic" },
    callerKey: "sk-ant-caller-own-key-1",
    other: { model: "gpt-4o-mini", provider: "openai" },
  },
  gemini: {
    primary: "google",
    model: "gemini-2.0-flash",
    openrouterModel: "google/gemini-2.0-flash-001",
    // Gemini's own window (1,048,576) is among the largest: the next size up is elsewhere.
    larger: { model: "gpt-5.5", provider: "openai" },
    callerKey: "AIzaCallerOwnKey1",
    other: { model: "claude-haiku-4-5", provider: "anthropic" },
  },
};

/** The status a client sees for an error, and its dialect's error body. */
export async function checkErrorBody(client: GatewayClient, status: number): Promise<Record<string, unknown>> {
  const exchange = client.exchanges.at(-1);
  assert.ok(exchange, "the client made a request");
  assert.equal(exchange.status, status);
  assert.equal(exchange.headers["content-type"], "application/json");
  const body = JSON.parse(await exchange.received) as Record<string, unknown>;
  const error = body["error"] as Record<string, unknown> | undefined;
  assert.ok(error, "the body has an error object");
  assert.equal(typeof error["message"], "string");
  if (client.dialect === "anthropic") {
    assert.equal(body["type"], "error");
    assert.equal(typeof error["type"], "string");
  } else if (client.dialect === "gemini") {
    assert.equal(error["code"], status);
    assert.equal(typeof error["status"], "string");
  } else {
    assert.equal(typeof error["type"], "string");
  }
  return body;
}

/** Raw stream text markers of a finished stream, per client dialect. */
export const finishMarkers: Record<ClientDialect, RegExp> = {
  openai: /\[DONE\]|"finish_reason":"(stop|length|tool_calls)"/,
  anthropic: /message_stop|"stop_reason":"end_turn"/,
  gemini: /"finishReason":"STOP"/,
};

/** The in-stream error each client dialect ends a broken stream with. */
export const streamErrorMarkers: Record<ClientDialect, RegExp> = {
  openai: /^data: \{"error":/m,
  anthropic: /^event: error\ndata: \{"type":"error"/m,
  gemini: /^data: \{"error":/m,
};
