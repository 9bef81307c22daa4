import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  DiscordjsError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Status,
  TextInputBuilder,
  TextInputStyle,
  type Interaction,
  type Message,
} from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { noIdentifyThrottle, startDiscordStandin, type Standin, type StandinOptions } from "./discord-standin/index.js";

const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

let standin: Standin | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await standin?.close();
  standin = undefined;
});

async function start(options: StandinOptions = {}): Promise<Standin> {
  standin = await startDiscordStandin(options);
  return standin;
}

function newClient(s: Standin, intents: GatewayIntentBits[] = BASE_INTENTS, extra: { fastReidentify?: boolean } = {}): Client {
  client = new Client({
    intents,
    rest: { api: s.apiUrl },
    ...(extra.fastReidentify ? { ws: noIdentifyThrottle } : {}),
  });
  return client;
}

async function readyClient(s: Standin, intents: GatewayIntentBits[] = BASE_INTENTS, extra: { fastReidentify?: boolean } = {}): Promise<Client> {
  const c = newClient(s, intents, extra);
  const ready = new Promise<void>((resolve) => c.once(Events.ClientReady, () => resolve()));
  await c.login(s.token);
  await ready;
  return c;
}

/** Registers an interaction handler whose failures surface in the test instead of vanishing. */
function onInteraction(c: Client, handler: (interaction: Interaction) => Promise<unknown>): { errors: unknown[] } {
  const errors: unknown[] = [];
  c.on(Events.InteractionCreate, (interaction) => {
    handler(interaction).catch((error: unknown) => errors.push(error));
  });
  return { errors };
}

describe("discord stand-in with the real discord.js client", () => {
  it("GIVEN a stand-in WHEN the client logs in THEN it becomes ready with the seeded guild and channel cached", async () => {
    const s = await start();
    const c = await readyClient(s);

    expect(c.user?.id).toBe(s.ids.botUserId);
    expect(c.application?.id).toBe(s.ids.applicationId);
    const guild = c.guilds.cache.get(s.ids.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.members.me?.id).toBe(s.ids.botUserId);
    expect(c.channels.cache.get(s.ids.channelId)?.type).toBe(ChannelType.GuildText);
    expect(guild?.members.cache.get(s.ids.adminUserId)?.permissions.has("Administrator")).toBe(true);
    expect(guild?.members.cache.get(s.ids.memberUserId)?.permissions.has("Administrator")).toBe(false);
    expect(s.gateway.identifies).toHaveLength(1);

    await c.application?.fetch();
    const fetched = await guild?.members.fetch({ user: s.ids.adminUserId, force: true });
    expect(fetched?.user.username).toBe("admin-user");
    expect(s.unhandledRequests).toEqual([]);
  });

  it("GIVEN a ready client WHEN a slash command is dispatched and the handler replies THEN the reply is recorded", async () => {
    const s = await start();
    const c = await readyClient(s);
    const seen: { admin: boolean; user: string }[] = [];
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({ admin: interaction.memberPermissions?.has("Administrator") ?? false, user: interaction.user.id });
      await interaction.reply({ content: `pong ${interaction.options.getString("text") ?? ""}`, allowedMentions: { parse: [] } });
    });

    const id = s.sendSlashCommand({ name: "ping", options: { text: "hello" }, userId: s.ids.adminUserId });
    const response = await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(response.content).toBe("pong hello");
    expect(response.data.allowed_mentions).toEqual({ parse: [] });
    expect(response.ephemeral).toBe(false);
    expect(seen).toEqual([{ admin: true, user: s.ids.adminUserId }]);
    expect(s.messages().map((m) => m.content)).toContain("pong hello");
  });

  it("GIVEN a registered command with subcommands WHEN options name a channel, a user and a number THEN discord.js resolves them", async () => {
    const s = await start();
    const c = await readyClient(s);
    await c.application?.commands.set([
      {
        name: "digest",
        description: "Digest tools",
        options: [
          {
            name: "post",
            description: "Post a digest",
            type: ApplicationCommandOptionType.Subcommand,
            options: [
              { name: "where", description: "Channel", type: ApplicationCommandOptionType.Channel, required: true },
              { name: "who", description: "Reader", type: ApplicationCommandOptionType.User, required: true },
              { name: "count", description: "Items", type: ApplicationCommandOptionType.Integer },
            ],
          },
        ],
      },
    ]);
    const seen: unknown[] = [];
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const who = interaction.options.getMember("who");
      seen.push({
        sub: interaction.options.getSubcommand(),
        where: interaction.options.getChannel("where", true).id,
        who: interaction.options.getUser("who", true).username,
        isGuildMember: who !== null && "guild" in who,
        count: interaction.options.getInteger("count"),
        commandId: interaction.commandId,
      });
      await interaction.reply("ok");
    });

    const id = s.sendSlashCommand({
      name: "digest",
      subcommand: "post",
      options: { where: s.ids.channelId, who: s.ids.adminUserId, count: "3" },
    });
    await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(seen).toEqual([
      { sub: "post", where: s.ids.channelId, who: "admin-user", isGuildMember: true, count: 3, commandId: s.globalCommands[0]?.id },
    ]);
    expect(() => s.sendSlashCommand({ name: "digest", subcommand: "post", options: { who: s.ids.adminUserId } })).toThrow(/where/);
  });

  it("GIVEN a slash command WHEN the handler defers and then edits THEN the final response is the edited content", async () => {
    const s = await start();
    const c = await readyClient(s);
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply({ content: "done thinking", allowedMentions: { parse: [] } });
    });

    const id = s.sendSlashCommand({ name: "ask" });
    const response = await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(response.deferred).toBe(true);
    expect(response.edits).toBe(1);
    expect(response.content).toBe("done thinking");
    expect(response.message?.flags ?? 0).toBe(0);
  });

  it("GIVEN a reply WHEN the handler sends a follow-up THEN the follow-up is recorded separately from the reply", async () => {
    const s = await start();
    const c = await readyClient(s);
    const callbackMessages: (string | undefined)[] = [];
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const callback = await interaction.reply({ content: "first", withResponse: true });
      callbackMessages.push(callback.resource?.message?.content);
      await interaction.followUp({ content: "second" });
    });

    const id = s.sendSlashCommand({ name: "ask" });
    const response = await s.waitForInteractionResponse(id, { until: (r) => r.followups.length === 1 });

    expect(errors).toEqual([]);
    expect(response.content).toBe("first");
    expect(response.followups.map((m) => m.content)).toEqual(["second"]);
    expect(callbackMessages).toEqual(["first"]);
    expect(s.messages().map((m) => m.content)).toEqual(["first", "second"]);
  });

  it("GIVEN an ephemeral deferral WHEN the handler follows up THEN the follow-up fills the thinking message and stays hidden", async () => {
    const s = await start();
    const c = await readyClient(s);
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp("only you can see this");
    });

    const id = s.sendSlashCommand({ name: "secret" });
    const response = await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(response.content).toBe("only you can see this");
    expect(response.ephemeral).toBe(true);
    expect(response.followups).toEqual([]);
    expect(s.messages()).toEqual([]);
  });

  it("GIVEN an acknowledgement deadline WHEN the handler replies too late THEN discord.js gets Unknown interaction", async () => {
    const s = await start({ interactionAckDeadlineMs: 50 });
    const c = await readyClient(s);
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await interaction.reply("too late");
    });

    s.sendSlashCommand({ name: "slow" });
    await s.waitFor("the late reply to fail", () => errors.length === 1);

    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
  });

  it("GIVEN a bot message with a button WHEN a user presses it THEN interaction.update edits that message", async () => {
    const s = await start();
    const c = await readyClient(s);
    const channel = c.channels.cache.get(s.ids.channelId);
    if (!channel?.isSendable()) throw new Error("seeded channel is not sendable");
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId("more").setLabel("More").setStyle(ButtonStyle.Primary),
    );
    const posted = await channel.send({ content: "summary", components: [row] });
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isButton()) return;
      await interaction.update({ content: `expanded by ${interaction.user.id}`, components: [] });
    });

    const id = s.sendButton({ customId: "more", messageId: posted.id });
    const response = await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(response.callbackType).toBe(7);
    expect(s.message(posted.id)?.content).toBe(`expanded by ${s.ids.memberUserId}`);
    expect(s.message(posted.id)?.components).toEqual([]);
  });

  it("GIVEN a registered command with an autocomplete option WHEN the user types THEN respond() choices are recorded", async () => {
    const s = await start();
    const c = await readyClient(s);
    await c.application?.commands.set([
      {
        name: "brief",
        description: "Briefing on a topic",
        options: [{ name: "topic", description: "Topic", type: ApplicationCommandOptionType.String, autocomplete: true, required: true }],
      },
    ]);
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond([{ name: `${typed} (news)`, value: `${typed}-news` }]);
    });

    const id = s.sendAutocomplete({ name: "brief", focused: "topic", options: { topic: "ukr" } });
    const response = await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(response.choices).toEqual([{ name: "ukr (news)", value: "ukr-news" }]);
  });

  it("GIVEN a user message WHEN the bot starts a thread and posts in it THEN the thread is cached and holds the message", async () => {
    const s = await start();
    const c = await readyClient(s, [...BASE_INTENTS, GatewayIntentBits.MessageContent]);
    const errors: unknown[] = [];
    c.on(Events.MessageCreate, (message: Message) => {
      if (message.author.bot || !message.content.startsWith("!thread")) return;
      void (async () => {
        const thread = await message.startThread({ name: "Follow-up" });
        await thread.send("thread reply");
      })().catch((error: unknown) => errors.push(error));
    });

    const userMessage = s.sendMessage({ content: "!thread please" });
    const reply = await s.waitForMessage(userMessage.id);

    expect(errors).toEqual([]);
    expect(reply.content).toBe("thread reply");
    expect(s.channel(userMessage.id)?.type).toBe(ChannelType.PublicThread);
    expect(c.channels.cache.get(userMessage.id)?.isThread()).toBe(true);
    expect(s.message(userMessage.id)?.thread?.id).toBe(userMessage.id);

    s.deleteThread(userMessage.id);
    await s.waitFor("discord.js to drop the deleted thread", () => !c.channels.cache.has(userMessage.id));
  });

  it("GIVEN a private thread the bot opens WHEN it adds a member THEN the stand-in records them, and refuses unknown users and non-threads", async () => {
    const s = await start();
    const c = await readyClient(s);
    const channel = await c.channels.fetch(s.ids.channelId);
    if (channel?.type !== ChannelType.GuildText) throw new Error("the seeded channel is not a text channel");

    const thread = await channel.threads.create({ name: "Private follow-up", type: ChannelType.PrivateThread });
    await thread.members.add(s.ids.memberUserId);
    const unknownUser: unknown = await thread.members.add("1").catch((e: unknown) => e);
    const notAThread: unknown = await c.rest.put(`/channels/${s.ids.channelId}/thread-members/${s.ids.memberUserId}`).catch((e: unknown) => e);

    expect(s.channel(thread.id)?.type).toBe(ChannelType.PrivateThread);
    expect(s.threadMembers(thread.id)).toEqual([s.ids.memberUserId]);
    expect(unknownUser).toMatchObject({ status: 404, code: 10013 });
    expect(notAThread).toMatchObject({ status: 400, code: 50024 });
  });

  it("GIVEN the MessageContent intent is missing WHEN a user writes THEN the bot sees blank content unless it is mentioned", async () => {
    const s = await start();
    const c = await readyClient(s);
    const seen: string[] = [];
    c.on(Events.MessageCreate, (message: Message) => {
      if (!message.author.bot) seen.push(message.content);
    });

    s.sendMessage({ content: "secret" });
    s.sendMessage({ content: `<@${s.ids.botUserId}> visible` });
    await s.waitFor("both messages delivered", () => seen.length === 2);

    expect(seen).toEqual(["", `<@${s.ids.botUserId}> visible`]);
  });

  it("GIVEN a client WHEN it registers global and guild commands THEN the stand-in stores what was registered", async () => {
    const s = await start();
    const c = await readyClient(s);
    await c.application?.commands.set([{ name: "ask", description: "Ask the corpus" }]);
    await c.guilds.cache.get(s.ids.guildId)?.commands.set([{ name: "admin", description: "Admin tools", defaultMemberPermissions: "Administrator" }]);

    expect(s.globalCommands.map((cmd) => cmd.name)).toEqual(["ask"]);
    expect(s.guildCommands()).toMatchObject([{ name: "admin", default_member_permissions: "8", guild_id: s.ids.guildId }]);
    const put = await s.waitForRequest((r) => r.method === "PUT" && r.route === "/applications/:appId/commands");
    expect(put.body).toMatchObject([{ name: "ask", description: "Ask the corpus" }]);

    const invalid = c.application?.commands.set([{ name: "Bad Name", description: "x" }]);
    await expect(invalid).rejects.toMatchObject({ code: 50035 });
  });

  it("GIVEN a wrong token WHEN the client logs in THEN login rejects with TokenInvalid before any gateway connection", async () => {
    const s = await start();
    const c = newClient(s);

    const error: unknown = await c.login("not-the-token").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DiscordjsError);
    expect(error).toMatchObject({ code: "TokenInvalid" });
    expect(s.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["GET /gateway/bot 401"]);
    expect(s.gateway.connections).toHaveLength(0);
  });

  it("GIVEN MessageContent is not allowed WHEN the client identifies with it THEN the gateway closes 4014 and login rejects", async () => {
    const s = await start({ messageContentAllowed: false });
    const c = newClient(s, [...BASE_INTENTS, GatewayIntentBits.MessageContent]);
    const disconnects: number[] = [];
    const shardErrors: string[] = [];
    c.on(Events.ShardDisconnect, (event) => disconnects.push(event.code));
    c.on(Events.ShardError, (error) => shardErrors.push(error.message));

    const error: unknown = await c.login(s.token).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("Used disallowed intents");
    expect(disconnects).toEqual([4014]);
    expect(shardErrors).toEqual(["Used disallowed intents"]);
    expect(s.gateway.identifies).toHaveLength(1);
    expect(s.gateway.connections).toHaveLength(1);
  });

  it("GIVEN a ready client WHEN the gateway closes with 4000 THEN it resumes, gets missed events replayed and keeps answering", async () => {
    const s = await start();
    const c = await readyClient(s);
    const resumed = new Promise<number>((resolve) => c.once(Events.ShardResume, (_id, replayed) => resolve(replayed)));
    const { errors } = onInteraction(c, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`answer to ${interaction.commandName}`);
    });

    s.closeGateway(4000);
    const missedId = s.sendSlashCommand({ name: "missed" });
    await resumed;
    const afterId = s.sendSlashCommand({ name: "after" });

    expect((await s.waitForInteractionResponse(missedId)).content).toBe("answer to missed");
    expect((await s.waitForInteractionResponse(afterId)).content).toBe("answer to after");
    expect(errors).toEqual([]);
    expect(s.gateway.identifies).toHaveLength(1);
    expect(s.gateway.resumes).toMatchObject([{ accepted: true }]);
    expect(s.gateway.connections.map((conn) => conn.url.split("?")[0])).toEqual(["/", "/resume"]);
  });

  it("GIVEN a ready client WHEN the gateway closes with 4004 THEN discord.js reports it and never reconnects", async () => {
    const s = await start();
    const c = await readyClient(s);
    const disconnects: number[] = [];
    const shardErrors: string[] = [];
    c.on(Events.ShardDisconnect, (event) => disconnects.push(event.code));
    c.on(Events.ShardError, (error) => shardErrors.push(error.message));

    s.closeGateway(4004);
    await s.waitFor("shardDisconnect", () => disconnects.length > 0);
    // @discordjs/ws waits 500 ms before any reconnect; give it time to (not) happen.
    await new Promise((resolve) => setTimeout(resolve, 700));

    expect(disconnects).toEqual([4004]);
    expect(shardErrors).toEqual(["Authentication failed"]);
    expect(s.gateway.connections).toHaveLength(1);
    expect(c.ws.shards.get(0)?.status).toBe(Status.Disconnected);
    // Worth knowing for health checks: the client as a whole still claims to be ready.
    expect(c.isReady()).toBe(true);
  });

  it("GIVEN heartbeats stop being acknowledged WHEN discord.js declares the connection a zombie THEN it resumes", async () => {
    const s = await start({ heartbeatIntervalMs: 100 });
    const c = await readyClient(s);
    const { errors } = onInteraction(c, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply("alive");
    });

    s.setHeartbeatAck(false);
    await s.waitFor("a RESUME", () => s.gateway.resumes.length > 0);
    s.setHeartbeatAck(true);
    const id = s.sendSlashCommand({ name: "ping" });

    expect((await s.waitForInteractionResponse(id)).content).toBe("alive");
    expect(errors).toEqual([]);
    expect(s.gateway.closes[0]).toMatchObject({ by: "client", code: 4200 });
    expect(s.gateway.identifies).toHaveLength(1);
  });

  it("GIVEN a rejected RESUME WHEN the gateway closes THEN the client re-identifies and keeps answering", async () => {
    const s = await start();
    const c = await readyClient(s, BASE_INTENTS, { fastReidentify: true });
    const { errors } = onInteraction(c, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply("still here");
    });

    s.rejectNextResume();
    s.closeGateway(4000);
    await s.waitFor("a second IDENTIFY", () => s.gateway.identifies.length === 2 && s.connectedSessions === 1);
    const id = s.sendSlashCommand({ name: "ping" });

    expect((await s.waitForInteractionResponse(id)).content).toBe("still here");
    expect(errors).toEqual([]);
    expect(s.gateway.resumes).toMatchObject([{ accepted: false }]);
  });

  it("GIVEN injected 429 and 500 responses WHEN the handler replies and posts THEN discord.js retries and succeeds", async () => {
    const s = await start();
    const c = await readyClient(s);
    s.failNext({ path: "/interactions/:id/:token/callback", status: 429, retryAfterSeconds: 0.1 });
    s.failNext({ method: "POST", path: "/channels/:id/messages", status: 500, times: 2 });
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.reply("ok");
      if (interaction.channel?.isSendable()) await interaction.channel.send("posted");
    });

    const id = s.sendSlashCommand({ name: "ping" });
    await s.waitForMessage(s.ids.channelId, (m) => m.content === "posted");

    expect(errors).toEqual([]);
    expect((await s.waitForInteractionResponse(id)).content).toBe("ok");
    const statuses = s.requests.filter((r) => r.route !== "/gateway/bot").map((r) => `${r.status}${r.injected ? "!" : ""}`);
    expect(statuses).toEqual(["429!", "204", "500!", "500!", "200"]);
  });

  it("GIVEN attachments WHEN the bot uploads a file and reads a user's attachment THEN both travel through the CDN route", async () => {
    const s = await start();
    const c = await readyClient(s);
    const article = s.addAttachment("article.txt", "Breaking: stand-in works.", "text/plain");
    const { errors } = onInteraction(c, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const file = interaction.options.getAttachment("file", true);
      const text = await (await fetch(file.url)).text();
      await interaction.reply({ content: `read ${text.length} chars`, files: [{ attachment: Buffer.from(text.toUpperCase()), name: "upper.txt" }] });
    });

    const id = s.sendSlashCommand({ name: "upload", options: { file: { type: ApplicationCommandOptionType.Attachment, value: article.id } } });
    const response = await s.waitForInteractionResponse(id);

    expect(errors).toEqual([]);
    expect(response.content).toBe("read 25 chars");
    const uploaded = response.message?.attachments[0];
    expect(uploaded?.filename).toBe("upper.txt");
    expect(await (await fetch(uploaded?.url ?? "")).text()).toBe("BREAKING: STAND-IN WORKS.");
  });

  it("GIVEN a command that opens a modal WHEN the user submits it THEN the handler reads the fields", async () => {
    const s = await start();
    const c = await readyClient(s);
    const { errors } = onInteraction(c, async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const input = new TextInputBuilder().setCustomId("question").setLabel("Question").setStyle(TextInputStyle.Short);
        await interaction.showModal(
          new ModalBuilder().setCustomId("ask-modal").setTitle("Ask").addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (interaction.isModalSubmit()) {
        await interaction.reply(`you asked: ${interaction.fields.getTextInputValue("question")}`);
      }
    });

    const commandId = s.sendSlashCommand({ name: "ask" });
    const modal = await s.waitForInteractionResponse(commandId);
    const submitId = s.sendModalSubmit({ customId: "ask-modal", fields: { question: "what happened?" } });

    expect(modal.modal?.custom_id).toBe("ask-modal");
    expect((await s.waitForInteractionResponse(submitId)).content).toBe("you asked: what happened?");
    expect(errors).toEqual([]);
  });

  it("GIVEN Discord's limits WHEN the bot replies with 2001 characters or calls an unknown route THEN it gets Discord's errors", async () => {
    const s = await start();
    const c = await readyClient(s);
    const { errors } = onInteraction(c, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply("x".repeat(2001));
    });

    s.sendSlashCommand({ name: "long" });
    await s.waitFor("the handler to fail", () => errors.length === 1);
    const unknown: unknown = await c.rest.get("/no/such/route").catch((e: unknown) => e);

    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({ code: 50035, rawError: { errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } } } });
    expect(unknown).toMatchObject({ status: 404 });
    expect(s.unhandledRequests.map((r) => r.path)).toEqual(["/no/such/route"]);
  });
});
