import { createReadStream, statSync } from "node:fs";
import type { Readable } from "node:stream";
import type { ImportInput } from "./types.js";

/**
 * The input as decoded text chunks, with the first line peeked for format detection and a byte
 * counter for progress. Nothing here holds more than one chunk beyond the peeked head.
 */
export interface Source {
  /** The beginning of the text (at least the first non-empty line, when there is one), BOM removed. */
  head: string;
  chunks: AsyncIterable<string>;
  bytesRead(): number;
  sizeBytes?: number;
  close(): void;
}

const PEEK_LIMIT = 1 << 20;

export async function openSource(input: ImportInput, sizeBytes?: number): Promise<Source> {
  let stream: Readable;
  let size = sizeBytes;
  if (typeof input === "string") {
    size ??= statSync(input).size;
    stream = createReadStream(input, { highWaterMark: 1 << 18 });
  } else {
    stream = input;
  }
  const decoder = new TextDecoder("utf-8");
  let bytes = 0;
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let first = true;
  const decode = (chunk: Buffer | string): string => {
    let text: string;
    if (typeof chunk === "string") {
      bytes += Buffer.byteLength(chunk);
      text = chunk;
    } else {
      bytes += chunk.length;
      text = decoder.decode(chunk, { stream: true });
    }
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    return text;
  };
  const buffered: string[] = [];
  let head = "";
  let done = false;
  // Peek until the first non-empty line is complete (or the input ends).
  while (!done && head.length < PEEK_LIMIT && !/\S[^\n]*\n/.test(head)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      const tail = decoder.decode();
      if (tail) {
        buffered.push(tail);
        head += tail;
      }
      break;
    }
    const text = decode(next.value);
    buffered.push(text);
    head += text;
  }
  async function* chunks(): AsyncGenerator<string> {
    for (const b of buffered) yield b;
    buffered.length = 0;
    if (done) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) break;
      const text = decode(next.value);
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  }
  return {
    head,
    chunks: chunks(),
    bytesRead: () => bytes,
    sizeBytes: size,
    close: () => stream.destroy(),
  };
}
