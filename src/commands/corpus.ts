import { createHash } from "node:crypto";
import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from "discord.js";
import { downloadAttachment } from "../bot/attachments.js";
import { documentChoices } from "../bot/render/documents.js";
import { renderAdded, renderCorpusPage, renderReindexed, renderRemoveConfirm, renderRemoved } from "../bot/render/corpus.js";
import { ephemeral, textMessage } from "../bot/render/message.js";
import { clipRendered, echoUserText } from "../bot/text.js";
import type { CorpusLibrary } from "../curation/library.js";
import { checkUploadName, MAX_UPLOAD_BYTES, prepareUpload, uploadTooLarge } from "../curation/upload.js";
import { UserError } from "../errors.js";
import type { Command, CommandContext, Curation } from "./command.js";

type Member = ChatInputCommandInteraction["member"];

function roleIdsOf(member: Member): readonly string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

function curationOf(context: CommandContext): Curation {
  if (!context.curation) throw new UserError("NOT_ALLOWED", "Corpus curation is not enabled on this bot.");
  return context.curation;
}

/** Asked on every use, buttons included: who may curate can change between the command and the click. */
function requireCurator(interaction: ChatInputCommandInteraction | ButtonInteraction, curation: Curation): CorpusLibrary {
  if (!interaction.inGuild()) throw new UserError("NOT_ALLOWED", "Curating the corpus works in a server, not in direct messages.");
  const manager = interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild);
  const curator = roleIdsOf(interaction.member).some((id) => curation.curatorRoleIds.includes(id));
  if (!manager && !curator) {
    const who = curation.curatorRoleIds.length > 0 ? "the curator role or the **Manage Server** permission" : "the **Manage Server** permission";
    throw new UserError("NOT_ALLOWED", `Only members with ${who} can change the corpus. Ask a server admin.`);
  }
  return curation.library;
}

/** Buttons carry a short key instead of the id, which may be longer than a custom id allows. */
function removalKey(docId: string): string {
  return createHash("sha256").update(docId).digest("hex").slice(0, 20);
}

async function add(interaction: ChatInputCommandInteraction, library: CorpusLibrary): Promise<void> {
  const file = interaction.options.getAttachment("file", true);
  // The name decides only the format; the stored name is generated, so nothing the user typed reaches a path.
  checkUploadName(file.name);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const bytes = await downloadAttachment(file, MAX_UPLOAD_BYTES, uploadTooLarge);
  const metadata = Object.fromEntries(
    (["title", "published", "source", "url"] as const).flatMap((name) => {
      const value = interaction.options.getString(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  const [outcome] = await library.add([prepareUpload(file.name, bytes, metadata)]);
  if (!outcome) throw new Error("adding one article gave no outcome");
  await interaction.editReply(renderAdded(outcome));
}

async function remove(interaction: ChatInputCommandInteraction, library: CorpusLibrary): Promise<void> {
  const docId = interaction.options.getString("document", true);
  const document = library.documents().find((d) => d.id === docId);
  if (!document) {
    throw new UserError("UNKNOWN_DOCUMENT", `There is no document "${clipRendered(docId, 200, echoUserText)}": pick one from the list as you type.`);
  }
  await interaction.reply(renderRemoveConfirm(document, removalKey(document.id)));
}

async function confirmRemove(interaction: ButtonInteraction, library: CorpusLibrary, key: string): Promise<void> {
  const document = library.documents().find((d) => removalKey(d.id) === key);
  if (!document) {
    await interaction.update({ ...textMessage("That document is no longer in the corpus."), components: [] });
    return;
  }
  await interaction.deferUpdate();
  await library.remove(document.id);
  await interaction.editReply({ ...renderRemoved(document, library.documents().length), components: [] });
}

async function reindex(interaction: ChatInputCommandInteraction, library: CorpusLibrary): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await interaction.editReply(renderReindexed(await library.reindex()));
}

export default {
  data: new SlashCommandBuilder()
    .setName("corpus")
    .setDescription("Add, remove and list the articles sitrep answers from")
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName("add")
        .setDescription("Add an article (.md or .txt) to the corpus (curators)")
        .addAttachmentOption((o) => o.setName("file").setDescription("The article: Markdown with optional front matter, or plain text, one paragraph per line").setRequired(true))
        .addStringOption((o) => o.setName("title").setDescription("Title (default: the file's own, or its name)").setMaxLength(200))
        .addStringOption((o) => o.setName("published").setDescription("Publication date, YYYY-MM-DD").setMaxLength(10))
        .addStringOption((o) => o.setName("source").setDescription("Who published it, e.g. Reuters").setMaxLength(100))
        .addStringOption((o) => o.setName("url").setDescription("Where the original is").setMaxLength(500)),
    )
    .addSubcommand((s) =>
      s
        .setName("remove")
        .setDescription("Remove an article from the corpus (curators)")
        .addStringOption((o) => o.setName("document").setDescription("The article (start typing its title)").setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((s) =>
      s
        .setName("list")
        .setDescription("Every article: id, file and when it was indexed")
        .addIntegerOption((o) => o.setName("page").setDescription("Page number").setMinValue(1)),
    )
    .addSubcommand((s) => s.setName("reindex").setDescription("Re-read the corpus folder and update the index (curators)")),
  help: { usage: "/corpus add file:<.md or .txt> [title] [published] [source] [url] · remove · list · reindex", example: "/corpus add file:kursk-update.md published:2026-11-25" },

  async execute(interaction, context) {
    const curation = curationOf(context);
    const subcommand = interaction.options.getSubcommand(true);
    if (subcommand === "list") {
      await interaction.reply(ephemeral(renderCorpusPage(curation.library.documents(), interaction.options.getInteger("page") ?? 1)));
      return;
    }
    const library = requireCurator(interaction, curation);
    if (subcommand === "add") await add(interaction, library);
    else if (subcommand === "remove") await remove(interaction, library);
    else await reindex(interaction, library);
  },

  async autocomplete(interaction, context) {
    const documents = context.curation?.library.documents() ?? [];
    await interaction.respond(documentChoices(documents, interaction.options.getFocused(), (d) => `${d.title} (${d.id})`));
  },

  async button(interaction, [action, arg], context) {
    const curation = curationOf(context);
    if (action === "page") {
      await interaction.update(renderCorpusPage(curation.library.documents(), Number(arg)));
      return;
    }
    const library = requireCurator(interaction, curation);
    if (action === "remove" && arg !== undefined) await confirmRemove(interaction, library, arg);
    else if (action === "keep") await interaction.update({ ...textMessage("Kept: nothing was removed."), components: [] });
    else throw new UserError("UNKNOWN_COMMAND", "This button is from an older version of the bot. Run /corpus again.");
  },
} satisfies Command;
