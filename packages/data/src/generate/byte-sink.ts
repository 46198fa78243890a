import { type FileHandle, open } from 'node:fs/promises';

/**
 * A file writer for generated CSV: callers format rows straight into `buffer` at `pos`, and the
 * sink writes full buffers with large writes. Two buffers alternate, so the kernel copies one to
 * disk while the generator fills the other; no row ever becomes a string.
 */
export class ByteSink {
  buffer: Buffer;
  pos = 0;
  bytesWritten = 0;
  private spare: Buffer;
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    capacity: number,
  ) {
    this.buffer = Buffer.allocUnsafe(capacity);
    this.spare = Buffer.allocUnsafe(capacity);
  }

  static async open(path: string, capacity = 16 << 20): Promise<ByteSink> {
    return new ByteSink(await open(path, 'wx'), capacity);
  }

  get capacity(): number {
    return this.buffer.length;
  }

  /** True when `bytes` more bytes do not fit: call `flush()` before formatting them. */
  needsFlush(bytes: number): boolean {
    return this.pos + bytes > this.buffer.length;
  }

  /** Appends a string (headers and the small files); hot loops write bytes directly instead. */
  async writeString(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text);
    if (this.needsFlush(bytes)) await this.flush();
    if (bytes > this.buffer.length) {
      // Too big for a buffer: write it directly, after the write already under way.
      await this.pending;
      await this.writeAll(Buffer.from(text));
      return;
    }
    this.pos += this.buffer.write(text, this.pos);
  }

  /** Hands the filled buffer to the kernel and continues in the other one. */
  async flush(): Promise<void> {
    await this.pending;
    if (this.pos === 0) return;
    const full = this.buffer;
    const length = this.pos;
    this.buffer = this.spare;
    this.spare = full;
    this.pos = 0;
    this.pending = this.writeAll(full.subarray(0, length));
    // Surface a failed write at the next flush or close, not as an unhandled rejection.
    this.pending.catch(() => {});
  }

  async close(): Promise<void> {
    try {
      await this.flush();
      await this.pending;
    } finally {
      await this.handle.close();
    }
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    this.bytesWritten += bytes.length;
  }
}
