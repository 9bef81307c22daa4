import { describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { RESTARTING } from "../../src/bot/bot.js";
import { buttonId, embedOf, useBotHarness } from "../bot/harness.js";

const harness = useBotHarness();

const QUESTION = "How many North Korean soldiers were sent to Kursk?";

/** The shared engine, except that every ask waits until the test opens the gate: an answer kept in progress. */
function gatedEngine(real: AnswerEngine): { engine: AnswerEngine; open: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const gated = Object.create(real) as AnswerEngine;
  gated.ask = async (question, options) => {
    await gate;
    return real.ask(question, options);
  };
  return { engine: gated, open };
}

describe("stopping the bot", () => {
  it("GIVEN an answer in progress WHEN the bot is stopped THEN it turns new asks away, finishes and stores that answer, and only then logs out", async () => {
    const gated = gatedEngine(harness.engine());
    const h = await harness.start({}, gated.engine);
    const inProgress = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION } });
    await h.standin.waitFor("the deferral", () => h.standin.interactionTimings(inProgress)?.ackedAt);

    const stopped = h.bot.stop();
    const late = await h.command("ask", { question: QUESTION });
    expect(late.content).toBe(RESTARTING);
    expect(late.ephemeral).toBe(true);
    expect(h.standin.connectedSessions).toBe(1);
    gated.open();
    await stopped;

    const answered = h.standin.interactionResponse(inProgress);
    expect(embedOf(answered!).description).toMatch(/Kursk|soldiers|troops/i);
    expect(h.standin.interactionTimings(inProgress)).toMatchObject({ callbackAttempts: 1, edits: 1 });
    const answerId = buttonId(answered!.message, "ask:up:").split(":")[2]!;
    expect(h.feedback.answer(answerId)?.question).toBe(QUESTION);
    expect(h.standin.connectedSessions).toBe(0);
  });

  it("GIVEN an answer that never finishes WHEN the bot is stopped THEN it gives up after the drain timeout, says so, and logs out", async () => {
    const gated = gatedEngine(harness.engine());
    const h = await harness.start({ drainTimeoutMs: 200 }, gated.engine);
    const stuck = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION } });
    await h.standin.waitFor("the deferral", () => h.standin.interactionTimings(stuck)?.ackedAt);

    await h.bot.stop();

    expect(h.standin.connectedSessions).toBe(0);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, unfinished: 1 }));
  });
});
