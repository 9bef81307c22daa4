import { UserError } from "../errors.js";

export interface AttachmentRef {
  readonly url: string;
  /** What Discord says the file weighs; checked before anything is downloaded. */
  readonly size: number;
}

const DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * Downloads an uploaded file from Discord's CDN, refusing it before the download when Discord's stated size is over
 * `maxBytes`, and during it when the bytes run past the limit anyway, so a big file never sits in memory.
 */
export async function downloadAttachment(attachment: AttachmentRef, maxBytes: number, tooLarge: (bytes: number) => UserError): Promise<Buffer> {
  if (attachment.size > maxBytes) throw tooLarge(attachment.size);
  let response: Response;
  try {
    response = await fetch(attachment.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch {
    throw new UserError("BAD_FILE", "The file could not be downloaded from Discord; upload it again.");
  }
  if (!response.ok || !response.body) {
    throw new UserError("BAD_FILE", `Discord did not hand over the file (HTTP ${response.status}); upload it again.`);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  // Leaving the loop early cancels the download.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge(received);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
