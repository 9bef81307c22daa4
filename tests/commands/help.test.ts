import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AnswerEngine } from "../../src/answer/engine.js";
import { commands } from "../../src/commands/index.js";
import { embedOf, openSharedEngine, startHarness, type Harness } from "../bot/harness.js";

let shared: Awaited<ReturnType<typeof openSharedEngine>>;
let engine: AnswerEngine;
let harness: Harness | undefined;

beforeAll(async () => {
  shared = await openSharedEngine();
  engine = shared.engine;
});

afterAll(async () => {
  await shared.close();
});

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("/help end to end through discord.js", () => {
  it("GIVEN the bot WHEN a user asks for help THEN a private reply lists every command with what it does and an example", async () => {
    const h = (harness = await startHarness(engine));

    const response = await h.command("help");

    expect(response.ephemeral).toBe(true);
    const fields = embedOf(response).fields ?? [];
    expect(fields.map((f) => f.name.split(" ")[0])).toEqual(commands.map((c) => `/${c.data.name}`));
    for (const field of fields) expect(field.value).toMatch(/\nExample: `\/[a-z]+.*`$/);
  });
});
