/**
 * @module
 * The simulated vendors' non-generation answers: model listings in each vendor's shape
 * (protocols.md 6.9), OpenAI embeddings (float or base64 float32 LE, which the JS SDK asks
 * for by default) and Anthropic count_tokens.
 */
import { createHash } from "node:crypto";
import { estimateTextTokens } from "../core/estimate-tokens.ts";
import type { DialectId } from "../core/types/message.ts";
import { isRecord } from "./check-value.ts";

export const defaultModels: Record<DialectId, string[]> = {
  "openai-chat": ["gpt-4o-mini", "gpt-4o"],
  "anthropic-messages": ["claude-haiku-4-5", "claude-sonnet-4-5"],
  gemini: ["gemini-2.5-flash", "gemini-2.5-pro"],
  ollama: ["llama3.2", "qwen3"],
};

const listedAt = 1_735_689_600; // 2025-01-01, fixed so listings are deterministic

function listOpenAIModels(models: string[]): unknown {
  return { object: "list", data: models.map((id) => ({ id, object: "model", created: listedAt, owned_by: "llmux-simulator" })) };
}

function listAnthropicModels(models: string[]): unknown {
  const data = models.map((id) => ({ type: "model", id, display_name: id, created_at: new Date(listedAt * 1000).toISOString() }));
  return { data, has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null };
}

function listGeminiModels(models: string[]): unknown {
  return {
    models: models.map((id) => ({
      name: `models/${id}`,
      version: "001",
      displayName: id,
      description: `${id} (simulated)`,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
      supportedGenerationMethods: ["generateContent", "streamGenerateContent", "countTokens"],
    })),
  };
}

function listOllamaModels(models: string[]): unknown {
  return {
    models: models.map((name) => ({
      name: name.includes(":") ? name : `${name}:latest`,
      model: name.includes(":") ? name : `${name}:latest`,
      modified_at: new Date(listedAt * 1000).toISOString(),
      size: 2_019_393_189,
      digest: createHash("sha256").update(name).digest("hex"),
      details: { parent_model: "", format: "gguf", family: "llama", families: ["llama"], parameter_size: "3.2B", quantization_level: "Q4_K_M" },
    })),
  };
}

export function listModels(dialect: DialectId, models: string[]): unknown {
  switch (dialect) {
    case "openai-chat":
      return listOpenAIModels(models);
    case "anthropic-messages":
      return listAnthropicModels(models);
    case "gemini":
      return listGeminiModels(models);
    case "ollama":
      return listOllamaModels(models);
  }
}

/** A deterministic unit-ish vector for a text. */
function embedText(text: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let index = 0; values.length < dimensions; index++) {
    const digest = createHash("sha256").update(`${index}:${text}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && values.length < dimensions; offset += 4) {
      values.push(Math.fround(digest.readUInt32LE(offset) / 0xffffffff - 0.5));
    }
  }
  return values;
}

function readInputs(input: unknown): string[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input)) return input.map((item) => (typeof item === "string" ? item : JSON.stringify(item)));
  return [];
}

/** OpenAI `POST /v1/embeddings`; undefined when the body has no usable input. */
export function answerEmbeddings(body: unknown): unknown {
  if (!isRecord(body)) return undefined;
  const inputs = readInputs(body["input"]);
  if (inputs.length === 0 || typeof body["model"] !== "string") return undefined;
  const dimensions = typeof body["dimensions"] === "number" && body["dimensions"] > 0 ? Math.floor(body["dimensions"]) : 8;
  const base64 = body["encoding_format"] === "base64";
  const data = inputs.map((text, index) => {
    const vector = embedText(text, dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  const tokens = inputs.reduce((sum, text) => sum + estimateTextTokens(text), 0);
  return { object: "list", data, model: body["model"], usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
