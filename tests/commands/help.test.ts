import { describe, expect, it } from "vitest";
import { commands } from "../../src/commands/index.js";
import { embedOf, useBotHarness } from "../bot/harness.js";

const bot = useBotHarness();

describe("/help end to end through discord.js", () => {
  it("GIVEN the bot WHEN a user asks for help THEN a private reply lists every command with what it does and an example", async () => {
    const h = await bot.start();

    const response = await h.command("help");

    expect(response.ephemeral).toBe(true);
    const fields = embedOf(response).fields ?? [];
    expect(fields.map((f) => f.name.split(" ")[0])).toEqual(commands.map((c) => `/${c.data.name}`));
    for (const field of fields) expect(field.value).toMatch(/\nExample: `\/[a-z]+.*`$/);
  });
});
