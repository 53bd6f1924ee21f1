/**
 * @module
 * The strict grader. From the client's side only:
 *
 * - **pass**: the full expected text, the expected finish, and a proper end (a complete JSON
 *   body; or a stream ending in `[DONE]` / `message_stop` / a final chunk);
 * - **safe**: a well-formed error in the client's dialect (an error status with the dialect's
 *   error body, or a stream whose last frame is the dialect's in-stream error), within the bound;
 * - **fail**: anything else: a hang, a broken connection, a body that is not the dialect's,
 *   a slow error, and above all an answer that ends cleanly but short or wrong.
 */
import { StreamCollector } from "../core/collect-stream.ts";
import type { CanonicalResponse, UnifiedFinishReason } from "../core/types/response.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { isDialectError, parseJsonText } from "./error-shape.ts";
import { readStreamFrames } from "./read-stream-frames.ts";
import type { Observation } from "./send-chat.ts";

export type Grade = "pass" | "safe" | "fail";

export interface AnswerExpectation {
  text: string;
  finish: UnifiedFinishReason;
}

export interface GradeInput {
  /** The client's dialect. */
  dialect: Dialect;
  stream: boolean;
  observation: Observation;
  expected: AnswerExpectation;
  /** A clean error slower than this is not "prompt". */
  safeBoundMs: number;
}

export interface GradedAnswer {
  grade: Grade;
  /** Why, in a few words. */
  reason: string;
  /** What the client read, when it read an answer. */
  response?: CanonicalResponse;
}

function textOf(response: CanonicalResponse): string {
  return response.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

function short(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function judgeAnswer(response: CanonicalResponse, expected: AnswerExpectation): GradedAnswer {
  const text = textOf(response);
  if (text !== expected.text) {
    const what = expected.text.startsWith(text) ? "a truncated answer" : "a wrong answer";
    return { grade: "fail", reason: `${what} presented as success: "${short(text)}"`, response };
  }
  if (response.finishReason.unified !== expected.finish) {
    return { grade: "fail", reason: `finish ${response.finishReason.unified}, expected ${expected.finish}`, response };
  }
  return { grade: "pass", reason: "complete answer", response };
}

function judgeError(input: GradeInput, what: string): GradedAnswer {
  if (input.observation.elapsedMs > input.safeBoundMs) {
    return { grade: "fail", reason: `${what} after ${input.observation.elapsedMs} ms (bound ${input.safeBoundMs} ms)` };
  }
  return { grade: "safe", reason: what };
}

async function gradeStream(input: GradeInput): Promise<GradedAnswer> {
  const { dialect, observation } = input;
  const ending = await readStreamFrames(dialect.id, observation.bodyText);
  if (ending.errorEnd) return judgeError(input, "in-stream error");
  if (!ending.properEnd) {
    return { grade: "fail", reason: ending.frames.length === 0 ? "an empty stream" : "the stream ended without its proper end" };
  }
  const collector = new StreamCollector();
  for await (const event of dialect.decodeStream(ReadableStream.from([observation.bodyText]))) collector.push(event);
  if (collector.error) return { grade: "fail", reason: `the stream does not decode: ${collector.error.message}` };
  return judgeAnswer(collector.response, input.expected);
}

function gradeBody(input: GradeInput): GradedAnswer {
  const body = parseJsonText(input.observation.bodyText);
  if (body === undefined) return { grade: "fail", reason: "a 200 whose body is not JSON" };
  try {
    return judgeAnswer(input.dialect.decodeResponse(body).value, input.expected);
  } catch (error) {
    return { grade: "fail", reason: `a 200 the client cannot read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function gradeAnswer(input: GradeInput): Promise<GradedAnswer> {
  const { observation, dialect } = input;
  if (observation.ending === "hang") return { grade: "fail", reason: `hang: ${observation.problem ?? ""}` };
  if (observation.ending === "broken") {
    return { grade: "fail", reason: `connection broke${observation.status === undefined ? " before an answer" : " mid-answer"}: ${observation.problem ?? ""}` };
  }
  const status = observation.status ?? 0;
  if (status >= 400) {
    const wellFormed = (observation.headers["content-type"] ?? "").includes("json") && isDialectError(dialect.id, parseJsonText(observation.bodyText));
    if (!wellFormed) return { grade: "fail", reason: `HTTP ${status} without a ${dialect.id} error body` };
    return judgeError(input, `HTTP ${status} error`);
  }
  if (status !== 200) return { grade: "fail", reason: `unexpected HTTP ${status}` };
  return input.stream ? gradeStream(input) : gradeBody(input);
}
