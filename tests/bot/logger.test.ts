import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/bot/logger.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-part";

function capture(level: "info" | "warn" = "info") {
  const lines: string[] = [];
  const log = createLogger({ level, secrets: [TOKEN], write: (line) => lines.push(line) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("createLogger", () => {
  it("GIVEN a token in a field, a nested field, a message and an error stack WHEN logged THEN it never appears", () => {
    const { log, lines, parsed } = capture();

    log.info({ token: TOKEN, config: { discordToken: TOKEN }, headers: { authorization: `Bot ${TOKEN}` } }, `token is ${TOKEN}`);
    log.error({ err: new Error(`login failed for ${TOKEN}`) }, "failed");

    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain("secret-part");
    expect(parsed()[0]).toMatchObject({ token: "[redacted]", config: { discordToken: "[redacted]" }, msg: "token is [redacted]" });
    expect((parsed()[1]?.err as { stack: string }).stack).toMatch(/^Error: login failed for \[redacted\]\n\s+at /);
  });

  it("GIVEN a model API key in a field or in a message WHEN logged with it among the secrets THEN it never appears", () => {
    const key = "sk-model-secret-0123456789";
    const lines: string[] = [];
    const log = createLogger({ level: "info", secrets: [TOKEN, key], write: (line) => lines.push(line) });

    log.warn({ apiKey: key, llm: { apiKey: key } }, `401 Incorrect API key provided: ${key}`);

    expect(lines.join("\n")).not.toContain(key);
    expect(JSON.parse(lines[0]!)).toMatchObject({ apiKey: "[redacted]", llm: { apiKey: "[redacted]" } });
  });

  it("GIVEN an interaction token inside a REST path WHEN logged THEN the token segment is redacted", () => {
    const { log, lines } = capture();

    log.warn({ url: "https://discord.com/api/v10/webhooks/123456/aW50ZXJhY3Rpb246MTIz.abc_def-1/messages/@original" }, "edit failed");
    log.warn("POST /interactions/987/aW50ZXJhY3Rpb24.x-y_z/callback → 404");

    expect(lines[0]).toContain("/webhooks/123456/[redacted]/messages/@original");
    expect(lines[1]).toContain("/interactions/987/[redacted]/callback");
  });

  it("GIVEN LOG_LEVEL warn WHEN info and warn lines are logged THEN only the warning is written, as one JSON line", () => {
    const { log, parsed } = capture("warn");

    log.info("quiet");
    log.warn({ shardId: 0 }, "loud");

    expect(parsed()).toEqual([expect.objectContaining({ level: 40, msg: "loud", shardId: 0, name: "sitrep" })]);
  });
});
