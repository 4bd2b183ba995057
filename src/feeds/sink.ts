import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** What the HTTP route needs to answer conditional requests without reading the file. */
export interface FileMeta {
  etag: string;
  lastModified: string;
  bytes: number;
  items: number;
}

export function metaPath(path: string): string {
  return `${path}.meta.json`;
}

/**
 * A feed file being written: chunks are awaited when the stream is full (so a million items never
 * pile up in memory), hashed for the ETag, and the file replaces the old one only when complete
 * (write to a temporary name, then rename), so the route never serves half a feed.
 */
export class FileSink {
  private readonly tmp: string;
  private stream: WriteStream | null = null;
  private readonly hash = createHash("sha1");
  private bytes = 0;
  items = 0;

  constructor(
    readonly path: string,
    /** Write the .meta.json sidecar the HTTP route reads (not for a one-off CLI export). */
    private readonly withMeta = true,
  ) {
    this.tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  }

  private async open(): Promise<WriteStream> {
    if (this.stream) return this.stream;
    await mkdir(dirname(this.path), { recursive: true });
    const stream = createWriteStream(this.tmp);
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
    this.stream = stream;
    return stream;
  }

  async write(chunk: string): Promise<void> {
    if (!chunk) return;
    const stream = await this.open();
    const buf = Buffer.from(chunk, "utf8");
    this.hash.update(buf);
    this.bytes += buf.length;
    if (!stream.write(buf)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        stream.once("error", onError);
        stream.once("drain", () => {
          stream.off("error", onError);
          resolve();
        });
      });
    }
  }

  /** Completes the file and its meta (ETag from the content, Last-Modified = now). */
  async commit(now: Date): Promise<FileMeta> {
    const stream = await this.open();
    await new Promise<void>((resolve, reject) => {
      stream.once("error", reject);
      stream.end(() => resolve());
    });
    await rename(this.tmp, this.path);
    const meta: FileMeta = {
      etag: `"${this.hash.digest("hex").slice(0, 32)}"`,
      lastModified: new Date(Math.floor(now.getTime() / 1000) * 1000).toUTCString(),
      bytes: this.bytes,
      items: this.items,
    };
    if (this.withMeta) await writeFile(metaPath(this.path), JSON.stringify(meta));
    return meta;
  }

  async abort(): Promise<void> {
    this.stream?.destroy();
    await rm(this.tmp, { force: true });
  }
}

/** A sink that only counts (validation without writing a file). */
export class NullSink {
  items = 0;
  async write(_chunk: string): Promise<void> {}
}

export type Sink = Pick<FileSink, "write" | "items">;
