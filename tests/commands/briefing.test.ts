import { PermissionFlagsBits, type APIMessage } from "discord.js";
import { describe, expect, it } from "vitest";
import { QUIET_DAY } from "../../src/answer/daily-brief.js";
import { KEY_POINTS_HEADING, NEW_SINCE_HEADING } from "../../src/bot/render/daily-brief.js";
import type { InteractionResponse, OptionValue } from "../support/discord-standin/index.js";
import { embedOf, expectMentionsMutedEverywhere, SEED_TITLE, type Harness, useBotHarness } from "../bot/harness.js";

const bot = useBotHarness();
/** The briefs' clock: tests move it instead of waiting. January, before the corpus was indexed, so a later day's brief has news. */
let clock = new Date("2026-01-14T05:00:00Z");
const setClock = (iso: string) => (clock = new Date(iso));

async function start(): Promise<Harness> {
  setClock("2026-01-14T05:00:00Z");
  return bot.start({ now: () => clock });
}

/** `/briefing <subcommand>` as the seeded admin (or `userId`), waiting until the user sees the reply. */
async function briefing(
  h: Harness,
  subcommand: string,
  options: Record<string, OptionValue> = {},
  as: { userId?: string; channelId?: string } = {},
): Promise<InteractionResponse> {
  const id = h.standin.sendSlashCommand({ name: "briefing", subcommand, options, userId: as.userId ?? h.standin.ids.adminUserId, ...as });
  return h.standin.waitForInteractionResponse(id);
}

/** The daily briefs the bot posted in a channel (its interaction replies here are all ephemeral). */
function posts(h: Harness, channelId = h.standin.ids.channelId): APIMessage[] {
  return h.standin.messages(channelId).filter((m) => m.author.id === h.standin.ids.botUserId && m.embeds[0]?.title?.startsWith("Daily brief — "));
}

function postText(message: APIMessage): string {
  return message.embeds.map((e) => e.description ?? "").join("\n\n");
}

/** At least one claim is cited, every `[n]` has its Sources line `[n] Title, ¶p — “…”`, and no Sources line is unused. */
function expectCited(message: APIMessage): void {
  const markers = new Set([...postText(message).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  expect(markers.size).toBeGreaterThan(0);
  const sources = message.embeds.flatMap((e) => e.fields ?? []).map((f) => f.value).join("\n").split("\n");
  for (const n of markers) expect(sources.some((line) => new RegExp(`^\\[${n}\\] ${SEED_TITLE}, ¶\\d+ — “.+”$`).test(line)), `[${n}] in Sources`).toBe(true);
  for (const line of sources) expect(markers.has(Number(/^\[(\d+)\]/.exec(line)?.[1]))).toBe(true);
}

const LONDON_0730 = { time: "07:30", timezone: "Europe/London", topics: "North Korean troops; Kursk" };

describe("/briefing end to end through discord.js", () => {
  it("GIVEN the commands are registered THEN /briefing is hidden from members without Manage Server and offered in servers only", async () => {
    const h = await start();

    const registered = h.standin.guildCommands().find((c) => c.name === "briefing");

    expect(registered?.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    expect(registered?.contexts).toEqual([0]);
    expect(registered?.options?.map((o) => o.name)).toEqual(["set", "show", "off", "preview", "now"]);
  });

  it("GIVEN an admin sets a brief for 07:30 WHEN the scheduler ticks at the due time THEN exactly one cited post appears, and ticking again or restarting posts nothing more", async () => {
    const h = await start();

    const set = await briefing(h, "set", { channel: h.standin.ids.channelId, ...LONDON_0730 });
    expect(set.ephemeral).toBe(true);
    expect(set.content).toContain(`Daily brief set: every day at 07:30 (Europe/London) in <#${h.standin.ids.channelId}>.`);
    expect(set.content).toContain("Topics: North Korean troops; Kursk.");
    expect(set.content).toContain("Next: Wed 14 Jan 2026, 07:30 (Europe/London)");

    setClock("2026-01-14T07:29:00Z");
    expect(await h.briefings.tick()).toEqual(new Map());
    expect(posts(h)).toHaveLength(0);

    setClock("2026-01-14T07:30:20Z");
    expect([...(await h.briefings.tick()).values()]).toEqual(["posted"]);
    const [post, ...more] = posts(h);
    expect(more).toEqual([]);
    const embed = post!.embeds[0]!;
    expect(embed.title).toBe("Daily brief — Wed 14 Jan 2026");
    // The first brief has no "last brief" to compare with: a quiet day, then the watch topics' key points.
    expect(postText(post!)).toContain(`**${NEW_SINCE_HEADING}**\n${QUIET_DAY}\n\n**${KEY_POINTS_HEADING}**\n• **North Korean troops** — `);
    expect(postText(post!)).toContain("\n• **Kursk** — ");
    expectCited(post!);
    expect(post!.embeds.at(-1)?.footer?.text).toMatch(/^Posted daily at 07:30 \(Europe\/London\)/);
    expectMentionsMutedEverywhere(h.standin);

    setClock("2026-01-14T07:45:00Z");
    expect(await h.briefings.tick()).toEqual(new Map());
    await h.restart();
    expect(await h.briefings.tick()).toEqual(new Map());
    expect(posts(h)).toHaveLength(1);

    // The next day's brief lists what was indexed since yesterday's post, its gist cited too.
    setClock("2026-01-15T07:31:00Z");
    expect([...(await h.briefings.tick()).values()]).toEqual(["posted"]);
    const next = posts(h)[1]!;
    expect(next.embeds[0]?.title).toBe("Daily brief — Thu 15 Jan 2026");
    expect(postText(next)).toContain(`**${NEW_SINCE_HEADING}**\n• **${SEED_TITLE}** — The latest escalation`);
    expectCited(next);
    expect(posts(h)).toHaveLength(2);
  });

  it("GIVEN the bot was down at post time WHEN it starts within the catch-up window THEN it posts the missed brief once on start-up", async () => {
    const h = await start();
    await briefing(h, "set", { channel: h.standin.ids.channelId, ...LONDON_0730 });

    setClock("2026-01-14T10:00:00Z");
    await h.restart();

    const post = await h.standin.waitForMessage(h.standin.ids.channelId, (m) => m.embeds[0]?.title === "Daily brief — Wed 14 Jan 2026");
    expectCited(post);
    await h.briefings.tick();
    expect(posts(h)).toHaveLength(1);
  });

  it("GIVEN a schedule WHEN an admin asks for a preview THEN only they see the brief that would be posted, and nothing is posted", async () => {
    const h = await start();
    await briefing(h, "set", { channel: h.standin.ids.channelId, ...LONDON_0730 });

    const preview = await briefing(h, "preview");

    expect(preview.ephemeral).toBe(true);
    expect(preview.deferred).toBe(true);
    expect(preview.content).toBe(`Preview: what would be posted in <#${h.standin.ids.channelId}> now. Only you can see this.`);
    expect(embedOf(preview).title).toBe("Daily brief — Wed 14 Jan 2026");
    expectCited(preview.message!);
    expect(preview.message!.embeds.at(-1)?.footer?.text).toMatch(/^Preview, not posted/);
    expect(posts(h)).toEqual([]);
  });

  it("GIVEN a schedule WHEN an admin posts it now THEN it appears in the channel at once, and the scheduled brief still comes that day", async () => {
    const h = await start();
    await briefing(h, "set", { channel: h.standin.ids.channelId, ...LONDON_0730 });

    const now = await briefing(h, "now");

    expect(now.ephemeral).toBe(true);
    const [post] = posts(h);
    expect(now.content).toBe(
      `Posted the daily brief in <#${h.standin.ids.channelId}>: https://discord.com/channels/${h.standin.ids.guildId}/${h.standin.ids.channelId}/${post!.id}\n` +
        "The scheduled one still comes at 07:30 (Europe/London).",
    );
    expectCited(post!);
    // It counts as the last brief (the next lists what is new since), but claims no day.
    expect(h.briefings.store.get(h.standin.ids.guildId)?.lastPostedAt).toBe("2026-01-14T05:00:00.000Z");
    setClock("2026-01-14T07:30:30Z");
    await h.briefings.tick();
    expect(posts(h)).toHaveLength(2);
  });

  it("GIVEN a schedule WHEN an admin shows it THEN channel, time, zone, topics and the next post time are listed", async () => {
    const h = await start();
    await briefing(h, "set", { channel: h.standin.ids.channelId, ...LONDON_0730 });

    const shown = await briefing(h, "show");

    expect(shown.ephemeral).toBe(true);
    const embed = embedOf(shown);
    expect(embed.title).toBe("Daily brief");
    const fields = Object.fromEntries((embed.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields).toEqual({
      Channel: `<#${h.standin.ids.channelId}>`,
      Time: "07:30 (Europe/London)",
      Topics: "North Korean troops; Kursk",
      "Next post": `Wed 14 Jan 2026, 07:30 (Europe/London) · <t:${Date.parse("2026-01-14T07:30:00Z") / 1000}:R>`,
      "Last posted": "not yet",
    });
  });

  it("GIVEN the brief's channel was deleted WHEN the post is due THEN the schedule is marked failing and logged, /briefing show says why, and the bot keeps serving without retrying", async () => {
    const h = await start();
    const channel = h.standin.createTextChannel({ name: "morning-brief" });
    await h.standin.waitFor("the bot to see the new channel", () => h.bot.client.channels.cache.has(channel.id));
    await briefing(h, "set", { channel: channel.id, ...LONDON_0730 });
    h.standin.deleteChannel(channel.id);
    await h.standin.waitFor("the bot to forget the channel", () => !h.bot.client.channels.cache.has(channel.id));

    setClock("2026-01-14T07:30:10Z");
    expect([...(await h.briefings.tick()).values()]).toEqual(["failed"]);

    const reason = `channel <#${channel.id}> no longer exists: pick another channel with /briefing set`;
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, msg: "daily brief failed", reason, guild: h.standin.ids.guildId }));
    const shown = embedOf(await briefing(h, "show"));
    expect(shown.title).toBe("Daily brief: failing");
    expect(shown.fields?.find((f) => f.name === "⚠️ Failing")?.value).toBe(`${reason}\nFix it, then check with /briefing now (or run /briefing set again).`);

    // No retry storm: later ticks that day leave the channel alone.
    const calls = h.standin.requests.filter((r) => r.path.startsWith(`/channels/${channel.id}`)).length;
    setClock("2026-01-14T07:40:00Z");
    await h.briefings.tick();
    expect(h.standin.requests.filter((r) => r.path.startsWith(`/channels/${channel.id}`))).toHaveLength(calls);

    const now = await briefing(h, "now");
    expect(now.ephemeral).toBe(true);
    expect(now.content).toBe(`Could not post the daily brief: ${reason}.`);
    const preview = await briefing(h, "preview");
    expect(embedOf(preview).title).toBe("Daily brief — Wed 14 Jan 2026");
    expect(h.logs.filter((l) => l.level === 50)).toEqual([]);
  });

  it("GIVEN a channel where the bot may not post WHEN an admin picks it THEN the set is refused, naming the missing permissions", async () => {
    const h = await start();
    const channel = h.standin.createTextChannel({ name: "read-only", botDenied: PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks });
    await h.standin.waitFor("the bot to see the new channel", () => h.bot.client.channels.cache.has(channel.id));

    const response = await briefing(h, "set", { channel: channel.id, ...LONDON_0730 });

    expect(response.ephemeral).toBe(true);
    expect(response.content).toBe(
      `sitrep cannot post in <#${channel.id}>: it lacks Send Messages, Embed Links there. Grant them to its role in that channel, or pick another channel.`,
    );
    expect(h.briefings.store.get(h.standin.ids.guildId)).toBeUndefined();
  });

  it("GIVEN a member without Manage Server WHEN they use /briefing THEN a private reply refuses, and nothing changes", async () => {
    const h = await start();

    for (const [subcommand, options] of [["set", { channel: h.standin.ids.channelId, ...LONDON_0730 }], ["preview", {}], ["now", {}]] as const) {
      const response = await briefing(h, subcommand, options, { userId: h.standin.ids.memberUserId });
      expect(response.ephemeral).toBe(true);
      expect(response.content).toBe("Only members with the **Manage Server** permission can configure or post the daily brief. Ask a server admin.");
    }
    expect(h.briefings.store.get(h.standin.ids.guildId)).toBeUndefined();
    expect(posts(h)).toEqual([]);
  });

  it("GIVEN an invalid time or time zone WHEN an admin sets the brief THEN a private reply says what is wrong and how to write it", async () => {
    const h = await start();

    const badTime = await briefing(h, "set", { channel: h.standin.ids.channelId, time: "7.30pm", timezone: "Europe/London" });
    const badZone = await briefing(h, "set", { channel: h.standin.ids.channelId, time: "07:30", timezone: "Mars/Olympus_Mons" });
    const tooMany = await briefing(h, "set", { channel: h.standin.ids.channelId, time: "07:30", timezone: "UTC", topics: "a; b; c; d; e; f" });

    expect([badTime.ephemeral, badZone.ephemeral, tooMany.ephemeral]).toEqual([true, true, true]);
    expect(badTime.content).toBe('"7\\.30pm" is not a time: use 24-hour HH:MM, such as 07:30 or 18:00.');
    expect(badZone.content).toBe(
      '"Mars/Olympus\\_Mons" is not a time zone: pick one from the list as you type, or use an IANA name such as Europe/London or America/New_York.',
    );
    expect(tooMany.content).toBe('At most 5 topics, separated by ";": the brief has room for 5 key points.');
    expect(h.briefings.store.get(h.standin.ids.guildId)).toBeUndefined();
  });

  it("GIVEN no schedule WHEN an admin asks to show, preview or turn it off THEN each says there is none; after off the brief is no longer posted", async () => {
    const h = await start();

    expect((await briefing(h, "show")).content).toMatch(/^No daily brief is set for this server\. Set one with `\/briefing set /);
    expect((await briefing(h, "off")).content).toBe("No daily brief was set for this server, so there was nothing to turn off.");

    await briefing(h, "set", { channel: h.standin.ids.channelId, ...LONDON_0730 });
    expect((await briefing(h, "off")).content).toBe(
      `Daily brief turned off: nothing more will be posted in <#${h.standin.ids.channelId}>. Turn it back on with /briefing set.`,
    );
    setClock("2026-01-14T07:30:30Z");
    await h.briefings.tick();
    expect(posts(h)).toEqual([]);
  });

  it("GIVEN an admin typing a time zone WHEN Discord asks for autocomplete THEN at most 25 matching zones come back with their offsets", async () => {
    const h = await start();
    const complete = async (typed: string) => {
      const id = h.standin.sendAutocomplete({
        name: "briefing",
        subcommand: "set",
        focused: "timezone",
        options: { timezone: typed },
        userId: h.standin.ids.adminUserId,
      });
      return (await h.standin.waitForInteractionResponse(id)).choices ?? [];
    };

    expect(await complete("new york")).toEqual([{ name: "America/New_York (UTC-5)", value: "America/New_York" }]);
    const popular = await complete("");
    expect(popular[0]).toEqual({ name: "UTC", value: "UTC" });
    expect(popular.map((c) => c.value)).toContain("Europe/London");
    expect(await complete("america")).toHaveLength(25);
    expect(await complete("no such zone")).toEqual([]);
  });
});
