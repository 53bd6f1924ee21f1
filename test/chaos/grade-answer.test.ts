/**
 * The grader is strict: a pass needs the whole text, the finish and the dialect's proper end;
 * a safe needs a well-formed error of the client's own dialect within the bound; a clean but
 * short answer, a missing end marker, a foreign error body or a slow error all fail.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gradeAnswer, type GradeInput } from "../../src/chaos/grade-answer.ts";
import type { Observation } from "../../src/chaos/send-chat.ts";
import { UpstreamError } from "../../src/core/errors.ts";
import type { CanonicalEvent } from "../../src/core/types/event.ts";
import type { DialectId } from "../../src/core/types/message.ts";
import { emptyUsage } from "../../src/core/types/response.ts";
import { getDialect } from "../../src/dialects/registry.ts";

const expected = { text: "one two three", finish: "stop" as const };

function answerEvents(text: string): CanonicalEvent[] {
  const usage = { ...emptyUsage(), inputTokens: 3, outputTokens: 3 };
  return [
    { type: "response-metadata", id: "r1", model: "m" },
    { type: "text-start", index: 0 },
    ...text.split(" ").map((word, position): CanonicalEvent => ({ type: "text-delta", index: 0, text: position === 0 ? word : ` ${word}` })),
    { type: "text-end", index: 0 },
    { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
  ];
}

async function encodeStream(dialect: DialectId, events: CanonicalEvent[]): Promise<string> {
  let text = "";
  for await (const frame of getDialect(dialect).encodeStream(ReadableStream.from(events), { includeUsage: true })) text += frame;
  return text;
}

function observe(bodyText: string, overrides: Partial<Observation> = {}): Observation {
  return { status: 200, headers: { "content-type": "application/json" }, bodyText, elapsedMs: 10, ending: "complete", ...overrides };
}

function grade(dialect: DialectId, stream: boolean, observation: Observation): ReturnType<typeof gradeAnswer> {
  const input: GradeInput = { dialect: getDialect(dialect), stream, observation, expected, safeBoundMs: 1000 };
  return gradeAnswer(input);
}

const cut = new UpstreamError({ provider: "p", model: "m", kind: "connection", message: "The stream broke" });

describe("streams", () => {
  for (const dialect of ["openai-chat", "anthropic-messages", "gemini"] as const) {
    test(`${dialect}: the whole answer with its proper end passes`, async () => {
      const result = await grade(dialect, true, observe(await encodeStream(dialect, answerEvents("one two three"))));
      assert.equal(result.grade, "pass", result.reason);
    });

    test(`${dialect}: a clean end after a short answer fails`, async () => {
      const result = await grade(dialect, true, observe(await encodeStream(dialect, answerEvents("one two"))));
      assert.equal(result.grade, "fail");
      assert.match(result.reason, /truncated answer presented as success/);
    });

    test(`${dialect}: content, then the dialect's in-stream error, is safe`, async () => {
      const events = answerEvents("one two three").slice(0, 4);
      const result = await grade(dialect, true, observe(await encodeStream(dialect, [...events, { type: "error", error: cut }])));
      assert.equal(result.grade, "safe", result.reason);
    });

    test(`${dialect}: a stream that just stops after content fails`, async () => {
      const full = await encodeStream(dialect, answerEvents("one two three"));
      const result = await grade(dialect, true, observe(full.slice(0, Math.floor(full.length / 2)).replace(/[^\n]*$/, "")));
      assert.equal(result.grade, "fail");
    });
  }

  test("openai-chat: every chunk but no [DONE] fails", async () => {
    const text = (await encodeStream("openai-chat", answerEvents("one two three"))).replace("data: [DONE]\n\n", "");
    const result = await grade("openai-chat", true, observe(text));
    assert.equal(result.grade, "fail");
    assert.match(result.reason, /proper end/);
  });

  test("anthropic-messages: message_delta but no message_stop fails", async () => {
    const text = (await encodeStream("anthropic-messages", answerEvents("one two three"))).replace(/event: message_stop\n[^\n]*\n\n/, "");
    assert.doesNotMatch(text, /message_stop/);
    const result = await grade("anthropic-messages", true, observe(text));
    assert.equal(result.grade, "fail");
  });

  test("anthropic-messages: an error frame without its event line is not an error Anthropic clients see", async () => {
    const frame = getDialect("anthropic-messages").encodeStreamError(cut).replace(/^event: error\n/, "");
    const result = await grade("anthropic-messages", true, observe(frame));
    assert.equal(result.grade, "fail");
  });
});

describe("JSON answers and errors", () => {
  const body = (text: string): string =>
    JSON.stringify(
      getDialect("openai-chat").encodeResponse({ id: "r", model: "m", content: [{ type: "text", text }], finishReason: { unified: "stop", raw: undefined }, usage: emptyUsage() }).value,
    );

  test("the whole answer passes, a short one fails, a body that is not JSON fails", async () => {
    assert.equal((await grade("openai-chat", false, observe(body("one two three")))).grade, "pass");
    assert.equal((await grade("openai-chat", false, observe(body("one two")))).grade, "fail");
    assert.equal((await grade("openai-chat", false, observe(body("one two three").slice(0, 40)))).grade, "fail");
  });

  test("an error in the client's dialect is safe; another dialect's, or HTML, or a slow one fails", async () => {
    const error = new UpstreamError({ provider: "p", model: "m", kind: "overloaded", message: "Overloaded" });
    const openai = JSON.stringify(getDialect("openai-chat").encodeError(error).body);
    const anthropic = JSON.stringify(getDialect("anthropic-messages").encodeError(error).body);
    const json = { "content-type": "application/json" };
    assert.equal((await grade("openai-chat", false, observe(openai, { status: 503, headers: json }))).grade, "safe");
    assert.equal((await grade("gemini", true, observe(anthropic, { status: 503, headers: json }))).grade, "fail");
    assert.equal((await grade("openai-chat", false, observe("<html>502</html>", { status: 502, headers: { "content-type": "text/html" } }))).grade, "fail");
    assert.equal((await grade("openai-chat", false, observe(openai, { status: 503, headers: json, elapsedMs: 5000 }))).grade, "fail");
  });

  test("a hang and a broken connection fail", async () => {
    assert.equal((await grade("openai-chat", false, observe("", { status: undefined, ending: "hang", problem: "no answer" }))).grade, "fail");
    assert.equal((await grade("openai-chat", true, observe("data: {", { ending: "broken", problem: "terminated" }))).grade, "fail");
  });
});
