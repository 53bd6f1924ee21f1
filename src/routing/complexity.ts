/**
 * @module
 * `tier: "auto"`: judge a request simple or complex with a fast, explainable heuristic (no
 * model call). Each signal adds to a score and names itself, so `plan` can say why.
 */
import { estimateInputTokens } from "../core/estimate-tokens.ts";
import type { CanonicalRequest } from "../core/types/request.ts";

export interface ComplexityVerdict {
  level: "simple" | "complex";
  score: number;
  /** Every signal that counted, e.g. "uses tools (+3)". */
  reasons: string[];
}

export interface ComplexityOptions {
  /** Score at or above which a request is complex. */
  threshold?: number;
  /** Input tokens above which context alone makes a request complex. */
  longContextTokens?: number;
}

const codePattern = /```|\bfunction\s+\w+\s*\(|\bclass\s+\w+|\bdef\s+\w+\(|=>|#include|\bimport\s+[\w{]|Traceback \(most recent call last\)|\bSELECT\b.+\bFROM\b/s;
const reasoningPattern =
  /\b(step[- ]by[- ]step|prove|derive|analy[sz]e|trade-?offs?|architect|design|debug|refactor|optimi[sz]e|compare|evaluate|plan (out|the)|explain why|root cause)\b/i;

function lastUserText(request: CanonicalRequest): string {
  for (let index = request.messages.length - 1; index >= 0; index--) {
    const message = request.messages[index];
    if (message?.role !== "user") continue;
    return message.content.map((part) => (part.type === "text" ? part.text : "")).join("\n");
  }
  return "";
}

export function judgeComplexity(request: CanonicalRequest, options: ComplexityOptions = {}): ComplexityVerdict {
  const threshold = options.threshold ?? 3;
  const longContext = options.longContextTokens ?? 4000;
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(`${reason} (+${points})`);
  };

  const tokens = estimateInputTokens(request);
  if (tokens > longContext) add(3, `long context: ~${tokens} tokens`);
  else if (tokens > longContext / 4) add(1, `medium context: ~${tokens} tokens`);
  if ((request.tools?.length ?? 0) > 0) add(3, "uses tools");
  if (request.messages.some((message) => message.content.some((part) => part.type === "image"))) add(3, "has images");
  if (request.responseFormat?.type === "json-schema") add(1, "structured output");
  if (request.reasoning) add(3, "asks for reasoning");
  const text = lastUserText(request);
  if (codePattern.test(text)) add(2, "contains code");
  if (reasoningPattern.test(text)) add(2, "multi-step reasoning cue");
  const questions = text.split("?").length - 1;
  if (questions >= 3) add(1, `${questions} questions`);
  if (request.messages.length > 8) add(1, `${request.messages.length} messages of history`);

  if (reasons.length === 0) reasons.push("short plain request");
  return { level: score >= threshold ? "complex" : "simple", score, reasons };
}
