import { MessageFlags, SlashCommandBuilder } from "discord.js";
import { describe, expect, it } from "vitest";
import type { Command } from "../../src/commands/command.js";
import { commands } from "../../src/commands/index.js";
import { embedOf, expectMentionsMutedEverywhere, type Harness, useBotHarness } from "./harness.js";

/** Handlers with a bug, added next to the real commands: the router must contain what they throw. */
const explode: Command = {
  data: new SlashCommandBuilder().setName("explode").setDescription("Throws before acknowledging"),
  help: { usage: "/explode", example: "/explode" },
  execute: () => Promise.reject(new Error("kaboom before ack")),
};

const explodeLate: Command = {
  data: new SlashCommandBuilder().setName("explode-late").setDescription("Throws after a public deferral"),
  help: { usage: "/explode-late", example: "/explode-late" },
  async execute(interaction) {
    await interaction.deferReply();
    throw new TypeError("kaboom after defer");
  },
};

const explodePrivately: Command = {
  data: new SlashCommandBuilder().setName("explode-private").setDescription("Throws after a private deferral"),
  help: { usage: "/explode-private", example: "/explode-private" },
  async execute(interaction) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    throw new RangeError("kaboom in private");
  },
};

const REF = /^Something went wrong \(ref ([0-9A-F]{6})\)/;

const bot = useBotHarness();

function errorLog(h: Harness, ref: string): Record<string, unknown> | undefined {
  return h.logs.find((line) => line.ref === ref);
}

describe("interaction router", () => {
  it("GIVEN a handler that throws before replying WHEN the command runs THEN the user gets a private ref, the log has the ref and stack, and the bot answers the next command", async () => {
    const h = await bot.start({ commands: [...commands, explode] });

    const failed = await h.command("explode");
    const next = await h.command("help");

    expect(failed.ephemeral).toBe(true);
    const ref = REF.exec(failed.content ?? "")?.[1];
    expect(ref).toBeDefined();
    const line = errorLog(h, ref!);
    expect(line).toMatchObject({ level: 50, msg: "interaction failed", kind: "command", target: "explode" });
    expect((line?.err as { stack?: string } | undefined)?.stack).toMatch(/Error: kaboom before ack\n\s+at /);
    expect(embedOf(next).title).toMatch(/^sitrep/);
    expect(h.rawLogs.join("\n")).not.toContain(h.standin.token);
  });

  it("GIVEN a handler that throws after a public deferral WHEN the command runs THEN the thinking message is replaced by a private ref and the channel shows nothing", async () => {
    const h = await bot.start({ commands: [...commands, explodeLate] });

    const id = h.standin.sendSlashCommand({ name: "explode-late" });
    const failed = await h.standin.waitForInteractionResponse(id, { until: (r) => r.followups.length === 1 });
    const next = await h.command("ask", { question: "How many North Korean soldiers were sent to Kursk?" });

    expect(failed.deferred).toBe(true);
    expect(failed.deleted).toBe(true);
    const followup = failed.followups[0]!;
    expect((followup.flags ?? 0) & 64).toBe(64);
    const ref = REF.exec(followup.content)?.[1];
    expect(errorLog(h, ref!)).toMatchObject({ level: 50, target: "explode-late" });
    expect(h.standin.messages().map((m) => m.id)).toEqual([next.message?.id]);
    expect(embedOf(next).title).toBe("Answer");
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN a handler that throws after a private deferral WHEN the command runs THEN the private thinking message becomes the ref", async () => {
    const h = await bot.start({ commands: [...commands, explodePrivately] });

    const failed = await h.command("explode-private");

    expect(failed.ephemeral).toBe(true);
    expect(failed.deleted).toBe(false);
    expect(failed.followups).toEqual([]);
    const ref = REF.exec(failed.content ?? "")?.[1];
    expect(errorLog(h, ref!)).toMatchObject({ level: 50, target: "explode-private" });
  });

  it("GIVEN a user mistake WHEN the command runs THEN the user gets the friendly message privately and nothing is logged as an error", async () => {
    const h = await bot.start();

    const empty = await h.command("ask", { question: "   " });

    expect(empty.ephemeral).toBe(true);
    expect(empty.deferred).toBe(false);
    expect(empty.content).toBe("The question is empty: type what you want to know.");
    expect(h.logs.filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(h.logs.find((line) => line.code === "EMPTY_QUESTION")).toMatchObject({ msg: "user error" });
  });

  it("GIVEN a command or button this bot no longer serves WHEN a user uses it THEN a private reply says to redeploy the commands", async () => {
    const h = await bot.start();

    const stale = await h.command("gone");
    const buttonId = h.standin.sendButton({ customId: "gone:thing", messageId: "1000000000000000001" });
    const staleButton = await h.standin.waitForInteractionResponse(buttonId);

    expect(stale.ephemeral).toBe(true);
    expect(stale.content).toMatch(/^\/gone is not served by this bot any more; ask an admin to run `sitrep deploy-commands`/);
    expect(staleButton.ephemeral).toBe(true);
    expect(staleButton.content).toMatch(/^This button is not served by this bot any more/);
  });
});
