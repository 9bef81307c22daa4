import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ConfigError } from "../../src/config/env.js";
import { DEFAULT_DISCORD_API_URL, readBotConfig, readDiscordConfig } from "../../src/config/env.js";
import { OFFLINE_MODELS } from "../../src/config/models.js";
import { problemsOf } from "./problems.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.abcdefghijklmnopqrstuvwxyz";
const anyDirectory = { cwd: "/srv/sitrep", isDirectory: () => true };

describe("readBotConfig", () => {
  it("GIVEN only a token WHEN read THEN every other setting takes its documented default", () => {
    const config = readBotConfig({ DISCORD_TOKEN: TOKEN }, anyDirectory);

    expect(config).toEqual({
      discord: { token: TOKEN, apiUrl: DEFAULT_DISCORD_API_URL },
      corpusDir: "/srv/sitrep/corpus",
      indexDir: path.join("/srv/sitrep", ".sitrep", "index"),
      dataDir: "/srv/sitrep/data",
      logLevel: "info",
      askLimit: { max: 5, windowMs: 30_000 },
      threads: { privacy: "public", maxTurns: 10 },
      briefingCatchUpMs: 6 * 3_600_000,
      curatorRoleIds: [],
      models: OFFLINE_MODELS,
    });
  });

  it("GIVEN every setting WHEN read THEN each is used, relative directories resolved against the working directory", () => {
    const config = readBotConfig(
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APP_ID: "123456789012345678",
        DISCORD_API_URL: "http://127.0.0.1:8080/api/",
        CORPUS_DIR: "articles",
        INDEX_DIR: "/var/index",
        DATA_DIR: "state",
        LOG_LEVEL: "debug",
        ASK_RATE_LIMIT: "3",
        ASK_RATE_WINDOW_SECONDS: "60",
        THREADS: "private",
        THREAD_MAX_TURNS: "4",
        CURATOR_ROLE: "223456789012345678, 323456789012345678",
      },
      anyDirectory,
    );

    expect(config).toEqual({
      discord: { token: TOKEN, appId: "123456789012345678", apiUrl: "http://127.0.0.1:8080/api" },
      corpusDir: "/srv/sitrep/articles",
      indexDir: "/var/index",
      dataDir: "/srv/sitrep/state",
      logLevel: "debug",
      askLimit: { max: 3, windowMs: 60_000 },
      threads: { privacy: "private", maxTurns: 4 },
      briefingCatchUpMs: 6 * 3_600_000,
      curatorRoleIds: ["223456789012345678", "323456789012345678"],
      models: OFFLINE_MODELS,
    });
  });

  it("GIVEN BRIEFING_CATCH_UP_HOURS WHEN read THEN it sets the catch-up window; zero or past a day is refused", () => {
    expect(readBotConfig({ DISCORD_TOKEN: TOKEN, BRIEFING_CATCH_UP_HOURS: "2" }, anyDirectory).briefingCatchUpMs).toBe(2 * 3_600_000);
    expect(problemsOf(() => readBotConfig({ DISCORD_TOKEN: TOKEN, BRIEFING_CATCH_UP_HOURS: "0" }, anyDirectory))).toEqual([
      'BRIEFING_CATCH_UP_HOURS="0" must be at least 1: give how many hours late a missed daily brief is still posted (default 6)',
    ]);
    expect(problemsOf(() => readBotConfig({ DISCORD_TOKEN: TOKEN, BRIEFING_CATCH_UP_HOURS: "48" }, anyDirectory))).toHaveLength(1);
  });

  it("GIVEN a CURATOR_ROLE that is a role name instead of an id WHEN read THEN it says how to copy the id", () => {
    expect(problemsOf(() => readBotConfig({ DISCORD_TOKEN: TOKEN, CURATOR_ROLE: "Curators" }, anyDirectory))).toEqual([
      expect.stringMatching(/^CURATOR_ROLE="Curators" is not a role id .*Copy Role ID/),
    ]);
  });

  it("GIVEN a wrong THREADS or THREAD_MAX_TURNS WHEN read THEN each problem says what is allowed", () => {
    const problems = problemsOf(() => readBotConfig({ DISCORD_TOKEN: TOKEN, THREADS: "secret", THREAD_MAX_TURNS: "0" }, anyDirectory));

    expect(problems).toEqual([
      'THREADS="secret" must be public or private (default public)',
      'THREAD_MAX_TURNS="0" must be at least 1: give how many turns of a thread\'s conversation to keep (default 10)',
    ]);
  });

  it("GIVEN --corpus and --index overrides WHEN read THEN they win over the environment", () => {
    const config = readBotConfig({ DISCORD_TOKEN: TOKEN, CORPUS_DIR: "env-corpus", INDEX_DIR: "env-index" }, {
      ...anyDirectory,
      corpusDir: "/flags/corpus",
      indexDir: "/flags/index",
    });

    expect([config.corpusDir, config.indexDir]).toEqual(["/flags/corpus", "/flags/index"]);
  });

  it("GIVEN empty values, as a copied .env.example leaves them WHEN read THEN they count as unset", () => {
    const problems = problemsOf(() => readBotConfig({ DISCORD_TOKEN: "", DISCORD_APP_ID: " ", LOG_LEVEL: "", DATA_DIR: "" }, anyDirectory));

    expect(problems).toEqual([expect.stringMatching(/^DISCORD_TOKEN is missing: /)]);
  });

  it("GIVEN many mistakes WHEN read THEN every problem is reported at once, each naming the variable and how to fix it", () => {
    const problems = problemsOf(() =>
      readBotConfig(
        {
          DISCORD_APP_ID: "my-app",
          DISCORD_API_URL: "ftp://example.org",
          LOG_LEVEL: "verbose",
          ASK_RATE_LIMIT: "five",
          ASK_RATE_WINDOW_SECONDS: "2.5",
        },
        { cwd: "/srv/sitrep", isDirectory: () => false },
      ),
    );

    expect(problems).toEqual([
      "DISCORD_TOKEN is missing: copy it from https://discord.com/developers/applications → your application → Bot → Reset Token",
      'DISCORD_APP_ID="my-app" is not an application id (17–20 digits): copy the Application ID from the General Information page, or leave it unset',
      'DISCORD_API_URL="ftp://example.org" is not an http(s) URL: leave it unset for Discord (https://discord.com/api) or give a base URL such as http://127.0.0.1:8080/api',
      'LOG_LEVEL="verbose" must be one of fatal, error, warn, info, debug, trace, silent',
      'ASK_RATE_LIMIT="five" is not a number: give how many asks one user may make per window (default 5)',
      'ASK_RATE_WINDOW_SECONDS="2.5" is not a whole number: give the window in seconds (default 30)',
      "CORPUS_DIR: the corpus directory /srv/sitrep/corpus does not exist: point CORPUS_DIR (or --corpus) at the folder of articles",
    ]);
  });

  it("GIVEN a malformed token WHEN read THEN the problem is explained without echoing the token", () => {
    const prefixed = problemsOf(() => readBotConfig({ DISCORD_TOKEN: `Bot ${TOKEN}` }, anyDirectory));
    const spaced = problemsOf(() => readBotConfig({ DISCORD_TOKEN: `${TOKEN.slice(0, 10)} ${TOKEN.slice(10)}` }, anyDirectory));

    expect(prefixed).toEqual(['DISCORD_TOKEN=(hidden) starts with "Bot ": put only the token itself, discord.js adds the prefix']);
    expect(spaced).toEqual([expect.stringMatching(/^DISCORD_TOKEN=\(hidden\) contains spaces or line breaks: /)]);
    expect([...prefixed, ...spaced].join("\n")).not.toContain(TOKEN.slice(0, 10));
  });

  it("GIVEN an API URL that ends with a version WHEN read THEN it says discord.js appends the version itself", () => {
    const problems = problemsOf(() => readBotConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: "https://discord.com/api/v10" }, anyDirectory));

    expect(problems).toEqual(['DISCORD_API_URL="https://discord.com/api/v10" ends with an API version: drop it, discord.js appends /v10 itself']);
  });

  it("GIVEN problems WHEN the error is shown THEN its one message lists them all under a heading that says where to fix them", () => {
    const error = (() => {
      try {
        readBotConfig({ LOG_LEVEL: "loud" }, anyDirectory);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error("expected a ConfigError");
    })();

    expect(error.code).toBe("BAD_CONFIG");
    expect(error.message.split("\n")).toEqual([
      "the configuration has 2 problems (set these in .env or the environment; .env.example lists every setting):",
      expect.stringMatching(/^ {2}- DISCORD_TOKEN is missing/),
      expect.stringMatching(/^ {2}- LOG_LEVEL="loud" must be one of/),
    ]);
  });
});

describe("readDiscordConfig", () => {
  it("GIVEN a token only WHEN read for deploy-commands THEN the bot-only settings are neither needed nor checked", () => {
    expect(readDiscordConfig({ DISCORD_TOKEN: TOKEN, LOG_LEVEL: "loud", CORPUS_DIR: "/nowhere" })).toEqual({
      token: TOKEN,
      apiUrl: DEFAULT_DISCORD_API_URL,
    });
  });
});
