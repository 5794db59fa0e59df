import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes; the real process in cli.ts, anything stream-like in tests. */
export interface Io {
  stdin: Readable;
  stdinIsTTY: boolean;
  stdout: Writable;
  stderr: Writable;
}

/** Writes to a stream and waits when its buffer is full, so large outputs stream in bounded memory. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Collects small writes into larger chunks: one write per line is slow for big inputs. */
export class BufferedWriter {
  private chunk = '';
  constructor(
    private readonly stream: Writable,
    private readonly size = 64 * 1024,
  ) {}

  async line(text: string): Promise<void> {
    this.chunk += `${text}\n`;
    if (this.chunk.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const text = this.chunk;
    this.chunk = '';
    await write(this.stream, text);
  }
}

/** Reads all of a stream as UTF-8 text. */
export async function readAll(stream: Readable): Promise<string> {
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text;
}
