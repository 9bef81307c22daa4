import { describe, expect, it } from "vitest";
import { buttonId, customIds, embedOf, embedText, expectMentionsMutedEverywhere, SEED_TITLE, useBotHarness } from "../bot/harness.js";

const ANSWERABLE = "How many North Korean soldiers were sent to Kursk?";
const UNANSWERABLE = "What is the boiling point of water?";

const bot = useBotHarness();
const start: typeof bot.start = (...args) => bot.start(...args);

describe("/ask end to end through discord.js", () => {
  it("GIVEN a question the corpus answers WHEN a user asks THEN the embed cites every [n] marker in Sources and shows the search footer", async () => {
    const h = await start();

    const response = await h.command("ask", { question: ANSWERABLE });

    expect(response.deferred).toBe(true);
    expect(response.ephemeral).toBe(false);
    const embed = embedOf(response);
    expect(embed.title).toBe("Answer");
    expect(embed.description).toContain(`**Q:** ${ANSWERABLE}`);
    expect(embed.description).toContain("10,000");
    const markers = [...new Set([...(embed.description ?? "").matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))];
    expect(markers[0]).toBe(1);
    const sources = (embed.fields ?? []).map((f) => f.value).join("\n");
    expect(embed.fields?.[0]?.name).toBe("Sources");
    for (const n of markers) expect(sources).toMatch(new RegExp(`^\\[${n}\\] ${SEED_TITLE}, ¶\\d+ — “.+”$`, "m"));
    expect(sources).toContain(`[1] ${SEED_TITLE}, ¶1 — “According to the U.S. government, at least 10,000 North Korean soldiers`);
    expect(embed.footer?.text).toMatch(/^Searched 14 passages in \d+ ms/);

    const ids = customIds(response.message);
    const answerId = buttonId(response.message, "ask:sources:").split(":")[2]!;
    expect(ids).toEqual([`ask:sources:${answerId}`, `ask:up:${answerId}`, `ask:down:${answerId}`, `ask:thread:${answerId}`]);
    expect(h.feedback.answer(answerId)).toMatchObject({ question: ANSWERABLE, abstained: false, askedBy: h.standin.ids.memberUserId });
    expect(h.feedback.answer(answerId)?.citations.length).toBe(markers.length);
    expectMentionsMutedEverywhere(h.standin);
    expect(h.standin.unhandledRequests).toEqual([]);
  });

  it("GIVEN a question the corpus does not cover WHEN a user asks THEN the reply says so plainly, lists the closest passages and cites nothing", async () => {
    const h = await start();

    const response = await h.command("ask", { question: UNANSWERABLE });

    const embed = embedOf(response);
    expect(embed.title).toBe("Not covered by the corpus");
    expect(embed.description).toContain("The corpus does not answer this question.");
    expect(embed.description).not.toMatch(/\[\d+\]/);
    expect(embed.fields?.[0]?.name).toBe("Closest passages (they do not answer it)");
    expect(embed.fields?.[0]?.value).toContain(`${SEED_TITLE}, ¶`);
    const ids = customIds(response.message);
    expect(ids.some((id) => id.startsWith("ask:sources:"))).toBe(false);
    expect(ids.some((id) => id.startsWith("ask:thread:"))).toBe(false);
    expect(ids.filter((id) => id.startsWith("ask:up:") || id.startsWith("ask:down:"))).toHaveLength(2);
  });

  it("GIVEN private:true WHEN a user asks THEN only that user sees the answer", async () => {
    const h = await start();

    const response = await h.command("ask", { question: ANSWERABLE, private: true });

    expect(response.ephemeral).toBe(true);
    expect(embedOf(response).title).toBe("Answer");
    expect(h.standin.messages()).toEqual([]);
  });

  it("GIVEN an answer WHEN the user presses Sources THEN a private reply quotes every cited paragraph in full", async () => {
    const h = await start();
    const answer = await h.command("ask", { question: ANSWERABLE });
    const stored = h.feedback.answer(buttonId(answer.message, "ask:sources:").split(":")[2]!);

    const response = await h.press(answer.message!, buttonId(answer.message, "ask:sources:"));

    expect(response.ephemeral).toBe(true);
    const text = (response.message?.embeds ?? []).map(embedText).join("\n");
    expect(embedOf(response).title).toBe("Sources, quoted in full");
    for (const citation of stored?.citations ?? []) {
      expect(text).toContain(`**[${citation.n}] ${SEED_TITLE}, ¶${citation.paragraph}**`);
      expect(text).toContain(`> ${citation.quote}`);
    }
    expect(stored?.citations.length).toBeGreaterThan(0);
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN an answer WHEN users press 👍 and 👎, repeat and change their votes THEN each user's vote is stored once and acknowledged privately", async () => {
    const h = await start();
    const answer = await h.command("ask", { question: ANSWERABLE });
    const message = answer.message!;
    const answerId = buttonId(message, "ask:up:").split(":")[2]!;
    const { adminUserId, memberUserId } = h.standin.ids;

    const first = await h.press(message, `ask:down:${answerId}`, memberUserId);
    const again = await h.press(message, `ask:down:${answerId}`, memberUserId);
    expect(h.feedback.tally(answerId)).toEqual({ up: 0, down: 1 });
    const other = await h.press(message, `ask:up:${answerId}`, adminUserId);
    expect(h.feedback.tally(answerId)).toEqual({ up: 1, down: 1 });
    const changed = await h.press(message, `ask:up:${answerId}`, memberUserId);

    expect(h.feedback.tally(answerId)).toEqual({ up: 2, down: 0 });
    expect([first, again, other, changed].every((r) => r.ephemeral)).toBe(true);
    expect(first.content).toMatch(/your 👎 is recorded/);
    expect(again.content).toMatch(/already voted 👎/);
    expect(other.content).toMatch(/your 👍 is recorded/);
    expect(changed.content).toMatch(/Changed your vote on this answer to 👍/);
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN an answer WHEN the user presses Follow up in thread THEN a thread named after the question opens on the answer and a private reply links it", async () => {
    const h = await start();
    const answer = await h.command("ask", { question: ANSWERABLE });

    const response = await h.press(answer.message!, buttonId(answer.message, "ask:thread:"));

    const thread = h.standin.channel(answer.message!.id);
    expect(thread?.name).toBe(ANSWERABLE);
    expect(response.ephemeral).toBe(true);
    expect(response.content).toMatch(new RegExp(`^Follow-up thread opened: <#${answer.message!.id}>\\.`));
    expectMentionsMutedEverywhere(h.standin);
  });

  it("GIVEN private:true with thread:true WHEN a user asks THEN a private reply says a private answer cannot have a thread, before any work", async () => {
    const h = await start();

    const response = await h.command("ask", { question: ANSWERABLE, private: true, thread: true });

    expect(response.ephemeral).toBe(true);
    expect(response.deferred).toBe(false);
    expect(response.content).toMatch(/^A private answer cannot have a thread/);
  });

  it("GIVEN the default limit of 5 asks per 30 s WHEN a user asks a sixth time THEN a private reply says when to try again, and others can still ask", async () => {
    const h = await start();
    for (let i = 0; i < 5; i++) expect(embedOf(await h.command("ask", { question: `${ANSWERABLE} (${i})` })).title).toBe("Answer");

    const limited = await h.command("ask", { question: ANSWERABLE });
    const otherUser = await h.command("ask", { question: ANSWERABLE }, h.standin.ids.adminUserId);

    expect(limited.ephemeral).toBe(true);
    expect(limited.deferred).toBe(false);
    const seconds = Number(/try again in (\d+) s/.exec(limited.content ?? "")?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(29);
    expect(seconds).toBeLessThanOrEqual(30);
    expect(embedOf(otherUser).title).toBe("Answer");
  });

  it("GIVEN a question carrying @everyone, a role mention and a masked link WHEN it is echoed THEN nobody is pinged and nothing links", async () => {
    const h = await start();
    const injection = `@everyone <@&${h.standin.ids.adminRoleId}> [x](https://evil.example)`;

    const answer = await h.command("ask", { question: `${injection} ${ANSWERABLE}` });
    const passage = await h.command("passage", { document: injection, paragraph: 1 });

    for (const response of [answer, passage]) {
      const shown = [response.message?.content ?? "", ...(response.message?.embeds ?? []).map(embedText)].join("\n");
      expect(shown).toContain("evil.example");
      expect(shown).not.toMatch(/@everyone|<@&\d+>|\[x\]\(https?:\/\/|https?:\/\//);
      expect(response.message?.mention_everyone).toBe(false);
      expect(response.message?.mention_roles).toEqual([]);
      expect(response.message?.mentions).toEqual([]);
    }
    expect(embedOf(answer).description).toContain("**Q:** @\u200beveryone <@\u200b&");
    expect(embedOf(answer).description).toContain("\\[x](https:\u200b//evil.example)");
    expect(passage.ephemeral).toBe(true);
    expect(passage.content).toMatch(/^There is no document "@\u200beveryone/);
    expectMentionsMutedEverywhere(h.standin);
  });
});
