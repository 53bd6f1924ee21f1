/**
 * @module
 * The four scenes of `llmux demo`, each one request through the gateway: a fallback after
 * 429 and 529, a stream cut mid-answer, protocol translation, and the fast path.
 */
import { cutModel } from "./demo-providers.ts";
import { postJson, postOpenAIStream, readAnswerText, type RouteHeaders } from "./demo-client.ts";

export interface SceneReport {
  title: string;
  /** What the client sent, in one line. */
  request: string;
  status: number;
  route: RouteHeaders;
  /** What to notice. */
  notes: string[];
  /** Did the scene show what it is meant to show? */
  asExpected: boolean;
}

export interface SceneContext {
  gatewayUrl: string;
  /** The wire protocol a provider speaks, from the gateway's registry. */
  dialectOf(provider: string): string | undefined;
}

const anthropicHeaders = { "anthropic-version": "2023-06-01" };

function quote(text: string): string {
  return JSON.stringify(text);
}

async function runFallbackScene(context: SceneContext): Promise<SceneReport> {
  const model = "claude-sonnet-4-6";
  const exchange = await postJson(
    `${context.gatewayUrl}/anthropic/v1/messages`,
    { model, max_tokens: 200, messages: [{ role: "user", content: "One tip for resilient LLM apps?" }] },
    anthropicHeaders,
  );
  return {
    title: "Fallback: the primary provider answers 429, then 529",
    request: `Anthropic client -> POST /anthropic/v1/messages, model ${model}`,
    status: exchange.status,
    route: exchange.route,
    notes: [`answer: ${quote(readAnswerText(exchange.body))}`, "The client saw one clean answer; llmux absorbed the 429 and the 529."],
    asExpected: exchange.status === 200 && exchange.route.fallbackReason !== undefined,
  };
}

async function runCutStreamScene(context: SceneContext): Promise<SceneReport> {
  const exchange = await postOpenAIStream(`${context.gatewayUrl}/openai/v1/chat/completions`, {
    model: cutModel,
    messages: [{ role: "user", content: "Tell me a long story." }],
  });
  const notes = [`received before the cut: ${quote(exchange.text)}`];
  if (exchange.error !== undefined) {
    notes.push(
      `then the stream ended with an error event: ${exchange.error}`,
      `no [DONE] marker${exchange.done ? " (unexpectedly, one arrived)" : ""}: the client (the OpenAI SDK throws here) knows the answer is incomplete.`,
      "No fake success, and no silent switch to another model mid-answer.",
    );
  } else {
    notes.push(exchange.done ? "the stream completed (the cut did not happen)" : "the stream ended without an end marker or an error event");
  }
  return {
    title: "A stream cut mid-answer by the upstream",
    request: `OpenAI client -> POST /openai/v1/chat/completions, model ${cutModel}, stream`,
    status: exchange.status,
    route: exchange.route,
    notes,
    asExpected: exchange.status === 200 && exchange.error !== undefined && !exchange.done,
  };
}

async function runTranslationScene(context: SceneContext): Promise<SceneReport> {
  const model = "gpt-4.1";
  const exchange = await postJson(
    `${context.gatewayUrl}/anthropic/v1/messages`,
    { model, max_tokens: 200, messages: [{ role: "user", content: "Say hello in French." }] },
    anthropicHeaders,
  );
  const upstream = exchange.route.provider === undefined ? undefined : context.dialectOf(exchange.route.provider);
  return {
    title: "Translation: an Anthropic client, an OpenAI-protocol provider",
    request: `Anthropic client -> POST /anthropic/v1/messages, model ${model}`,
    status: exchange.status,
    route: exchange.route,
    notes: [
      `translated: anthropic-messages request -> ${upstream ?? "?"} upstream -> anthropic-messages answer`,
      `answer: ${quote(readAnswerText(exchange.body))}`,
    ],
    asExpected: exchange.status === 200 && upstream !== undefined && upstream !== "anthropic-messages",
  };
}

async function runFastPathScene(context: SceneContext): Promise<SceneReport> {
  const model = "gpt-4.1";
  const exchange = await postJson(`${context.gatewayUrl}/openai/v1/chat/completions`, {
    model,
    messages: [{ role: "user", content: "What is 2 + 2?" }],
  });
  const upstream = exchange.route.provider === undefined ? undefined : context.dialectOf(exchange.route.provider);
  return {
    title: "Fast path: the same protocol on both sides",
    request: `OpenAI client -> POST /openai/v1/chat/completions, model ${model}`,
    status: exchange.status,
    route: exchange.route,
    notes: [
      `openai-chat client, ${upstream ?? "?"} upstream: the body is forwarded as sent and the answer comes back byte for byte`,
      `answer: ${quote(readAnswerText(exchange.body))}`,
    ],
    asExpected: exchange.status === 200 && upstream === "openai-chat",
  };
}

/** Runs the scenes in order (each may depend on the simulators' scripted request count). */
export async function runDemoScenes(context: SceneContext): Promise<SceneReport[]> {
  const reports: SceneReport[] = [];
  for (const scene of [runFallbackScene, runCutStreamScene, runTranslationScene, runFastPathScene]) reports.push(await scene(context));
  return reports;
}
