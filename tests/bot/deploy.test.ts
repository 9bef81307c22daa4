import { afterEach, describe, expect, it } from "vitest";
import { deployCommands } from "../../src/bot/deploy.js";
import { runCli } from "../../src/cli/run.js";
import { commands } from "../../src/commands/index.js";
import { startDiscordStandin, type Standin } from "../support/discord-standin/index.js";
import { recordingIo } from "./cli-io.js";

let standin: Standin | undefined;

afterEach(async () => {
  await standin?.close();
  standin = undefined;
});

async function start(): Promise<Standin> {
  standin = await startDiscordStandin();
  return standin;
}

const NAMES = commands.map((c) => c.data.name);

describe("deploy-commands against the Discord stand-in", () => {
  it("GIVEN no DISCORD_APP_ID WHEN `sitrep deploy-commands --guild` runs THEN it reads the app id from the API and registers every command in that guild only", async () => {
    const s = await start();
    const io = recordingIo({ DISCORD_TOKEN: s.token, DISCORD_API_URL: s.apiUrl });

    const code = await runCli(["deploy-commands", "--guild", s.ids.guildId], io);

    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(s.guildCommands().map((c) => c.name)).toEqual(NAMES);
    expect(s.globalCommands).toEqual([]);
    expect(s.requests.map((r) => `${r.method} ${r.route ?? r.path}`)).toEqual([
      "GET /applications/@me",
      "PUT /applications/:appId/guilds/:guildId/commands",
    ]);
    expect(io.stdout).toEqual([`Registered ${NAMES.length} commands in guild ${s.ids.guildId}: ${NAMES.map((n) => `/${n}`).join(", ")}. They are usable there now.`]);
  });

  it("GIVEN DISCORD_APP_ID WHEN deploy-commands runs without --guild THEN it registers globally with no lookup, options included", async () => {
    const s = await start();

    const result = await deployCommands({ discord: { token: s.token, apiUrl: s.apiUrl, appId: s.ids.applicationId } });

    expect(result).toEqual({ appId: s.ids.applicationId, names: NAMES });
    expect(s.requests.map((r) => `${r.method} ${r.route}`)).toEqual(["PUT /applications/:appId/commands"]);
    const ask = s.globalCommands.find((c) => c.name === "ask");
    expect(ask?.options?.map((o) => [o.name, o.required ?? false])).toEqual([
      ["question", true],
      ["private", false],
      ["thread", false],
    ]);
    const passage = s.globalCommands.find((c) => c.name === "passage");
    expect(passage?.options?.[0]).toMatchObject({ name: "document", autocomplete: true });
  });

  it("GIVEN deploy-commands ran twice WHEN the commands are listed THEN the second run replaced the first (same ids, no duplicates)", async () => {
    const s = await start();
    const discord = { token: s.token, apiUrl: s.apiUrl };

    await deployCommands({ discord, guildId: s.ids.guildId });
    const firstIds = s.guildCommands().map((c) => c.id);
    await deployCommands({ discord, guildId: s.ids.guildId });

    expect(s.guildCommands().map((c) => c.id)).toEqual(firstIds);
  });

  it("GIVEN a wrong token WHEN deploy-commands runs THEN it says Discord rejected the token and exits 2", async () => {
    const s = await start();
    const io = recordingIo({ DISCORD_TOKEN: "not-the-token", DISCORD_API_URL: s.apiUrl });

    const code = await runCli(["deploy-commands"], io);

    expect(code).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^sitrep: Discord rejected the token: copy a fresh token from https:\/\/discord\.com\/developers\/applications/);
    expect(io.stderr[0]).not.toContain("not-the-token");
  });

  it("GIVEN a guild the bot is not in WHEN deploy-commands runs THEN it says to invite the bot there first", async () => {
    const s = await start();
    const io = recordingIo({ DISCORD_TOKEN: s.token, DISCORD_API_URL: s.apiUrl });

    const code = await runCli(["deploy-commands", "--guild", "123456789012345678"], io);

    expect(code).toBe(2);
    expect(io.stderr[0]).toMatch(/^sitrep: the bot cannot register commands in guild 123456789012345678: invite it to that server first/);
  });

  it("GIVEN a --guild that is not an id WHEN deploy-commands runs THEN it is a usage error before any request", async () => {
    const s = await start();
    const io = recordingIo({ DISCORD_TOKEN: s.token, DISCORD_API_URL: s.apiUrl });

    const code = await runCli(["deploy-commands", "--guild", "my-server"], io);

    expect(code).toBe(2);
    expect(io.stderr[0]).toMatch(/^sitrep: --guild takes a server id/);
    expect(s.requests).toEqual([]);
  });

  it("GIVEN no token WHEN deploy-commands runs THEN the configuration error explains where to get one", async () => {
    const io = recordingIo({});

    const code = await runCli(["deploy-commands"], io);

    expect(code).toBe(2);
    expect(io.stderr.join("\n")).toMatch(/DISCORD_TOKEN is missing: copy it from https:\/\/discord\.com\/developers\/applications/);
  });
});
