import { describe, expect, it } from "vitest";
import type { Harness } from "../bot/harness.js";
import { embedOf, useBotHarness } from "../bot/harness.js";

const harness = useBotHarness();

const QUESTION = "How many North Korean soldiers were sent to Kursk?";
const ANSWER_EDIT = "/webhooks/:appId/:token/messages/:messageId";

/** Sends /ask and returns its interaction id once the user sees the answer. */
async function ask(h: Harness, userId?: string): Promise<string> {
  const id = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION }, ...(userId !== undefined ? { userId } : {}) });
  expect(embedOf(await h.standin.waitForInteractionResponse(id, { timeoutMs: 15_000 })).description).toMatch(/\[1\]/);
  return id;
}

function expectAnsweredOnce(h: Harness, ids: readonly string[]): void {
  for (const id of ids) expect(h.standin.interactionTimings(id), id).toMatchObject({ callbackAttempts: 1, edits: 1 });
}

describe("Discord faults", () => {
  it("GIVEN the gateway drops with a resumable code WHEN a user asks while the bot is away THEN the replayed interaction is answered once, and no earlier one again", async () => {
    const h = await harness.start();
    const before = await ask(h);

    h.standin.closeGateway(4000);
    const during = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION } });
    await h.standin.waitFor("a RESUME", () => h.standin.gateway.resumes.length > 0);
    await h.standin.waitForInteractionResponse(during, { timeoutMs: 15_000 });
    const after = await ask(h);

    expect(h.standin.gateway.resumes).toMatchObject([{ accepted: true }]);
    expectAnsweredOnce(h, [before, during, after]);
  });

  it("GIVEN the session is invalidated (not resumable) WHEN the bot identifies again THEN it answers again and answers nothing twice", async () => {
    const h = await harness.start();
    const before = await ask(h);

    h.standin.invalidateSession(false);
    await h.standin.waitFor("a second IDENTIFY", () => h.standin.gateway.identifies.length === 2 && h.standin.connectedSessions === 1, {
      timeoutMs: 15_000,
    });
    const after = await ask(h);

    expectAnsweredOnce(h, [before, after]);
    expect(h.logs.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it("GIVEN Discord answers 429 to the answer's edit WHEN the bot replies THEN discord.js waits as told, retries, and the answer arrives once", async () => {
    const h = await harness.start();
    h.standin.failNext({ method: "PATCH", path: ANSWER_EDIT, status: 429, retryAfterSeconds: 0.3 });

    const id = await ask(h);

    expectAnsweredOnce(h, [id]);
    expect(h.standin.requests.filter((r) => r.method === "PATCH").map((r) => `${r.status}${r.injected ? "!" : ""}`)).toEqual(["429!", "200"]);
  });

  it("GIVEN Discord answers 500 to every retry of the answer's edit WHEN discord.js gives up THEN the failure is logged with a ref, the user is told, and the next ask is answered", async () => {
    const h = await harness.start();
    // @discordjs/rest retries a 5xx three times (four calls in all) before rejecting.
    h.standin.failNext({ method: "PATCH", path: ANSWER_EDIT, status: 500, times: 4 });

    const failed = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION } });
    const told = await h.standin.waitForInteractionResponse(failed, { until: (r) => r.followups.length > 0, timeoutMs: 15_000 });
    const next = await ask(h, h.standin.ids.adminUserId);

    expect(told.followups[0]?.content).toMatch(/^Something went wrong \(ref [0-9A-F]{6}\)/);
    const failure = h.logs.find((line) => line.msg === "interaction failed");
    expect(failure).toMatchObject({ interaction: failed, ref: expect.stringMatching(/^[0-9A-F]{6}$/) as unknown });
    expect(h.standin.requests.filter((r) => r.method === "PATCH" && r.injected)).toHaveLength(4);
    expectAnsweredOnce(h, [next]);
  });

  it("GIVEN Discord is too slow to take the acknowledgement (past 3 s) WHEN it answers 10062 THEN the bot logs it and does not try to answer that interaction again", async () => {
    const h = await harness.start({ standin: { interactionAckDeadlineMs: 200 } });
    h.standin.delayNext({ path: "/interactions/:id/:token/callback", ms: 400 });

    const expired = h.standin.sendSlashCommand({ name: "ask", options: { question: QUESTION } });
    await h.standin.waitFor("the refusal to be logged", () => h.logs.find((line) => line.msg === "the interaction can no longer be answered"));
    const next = await ask(h);

    expect(h.standin.interactionTimings(expired)).toMatchObject({ callbackAttempts: 1, ackedAt: undefined });
    expectAnsweredOnce(h, [next]);
  });
});
