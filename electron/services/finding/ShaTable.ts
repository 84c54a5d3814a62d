/**
 * Items by sha256 and sha256 by item, for the in-memory indexes, as 32 bytes each in one block
 * and an open-addressing table of item numbers. A million 64-character strings and a Map over
 * them took ≈ 150 MB of main's memory; this takes 40 MB. The first four bytes of a sha256 are
 * already uniformly random, so they are the table's hash.
 */

const HEX = /^[0-9a-f]{64}$/;

export class ShaTable {
  private bytes = new Uint8Array(32 * 1024);
  /** Item + 1 per slot, 0 for empty; kept at most half full. */
  private slots = new Int32Array(2048);
  size = 0;

  /** Room for `n` items at once, instead of doubling up to them. */
  reserve(n: number): void {
    if (n * 32 > this.bytes.length) {
      const bytes = new Uint8Array(n * 32);
      bytes.set(this.bytes);
      this.bytes = bytes;
    }
    let slots = this.slots.length;
    while (slots < n * 2) slots *= 2;
    if (slots > this.slots.length) this.rehash(slots);
  }

  /** Takes over `size` sha256s read elsewhere as 32 bytes each (the index loader's worker), and indexes them. */
  adopt(bytes: Uint8Array<ArrayBuffer>, size: number): void {
    // An empty read keeps room to grow (doubling nothing stays nothing).
    this.bytes = bytes.length ? bytes : new Uint8Array(32 * 1024);
    this.size = size;
    let slots = 2048;
    while (slots < size * 2) slots *= 2;
    this.rehash(slots);
  }

  /** A copy of every sha256's 32 bytes, in item order (for the index worker). */
  snapshot(): Uint8Array<ArrayBuffer> {
    return this.bytes.slice(0, this.size * 32);
  }

  static isSha(sha: string): boolean {
    return HEX.test(sha);
  }

  /** The sha's item: the one it had, or a new one after the last. */
  add(sha: string): number {
    const found = this.itemOf(sha);
    if (found !== undefined) return found;
    if (!HEX.test(sha)) throw new Error(`Not a sha256: ${sha.slice(0, 80)}`);
    if ((this.size + 1) * 32 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    const item = this.size++;
    this.bytes.set(Buffer.from(sha, 'hex'), item * 32);
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(item);
    return item;
  }

  itemOf(sha: string): number | undefined {
    if (!HEX.test(sha)) return undefined;
    const key = Buffer.from(sha, 'hex');
    const mask = this.slots.length - 1;
    for (let s = key.readUInt32LE(0) & mask; ; s = (s + 1) & mask) {
      const v = this.slots[s]!;
      if (v === 0) return undefined;
      if (this.equals(v - 1, key)) return v - 1;
    }
  }

  shaOf(item: number): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + item * 32, 32).toString('hex');
  }

  private equals(item: number, key: Uint8Array): boolean {
    const at = item * 32;
    for (let i = 0; i < 32; i++) if (this.bytes[at + i] !== key[i]) return false;
    return true;
  }

  private place(item: number): void {
    const b = this.bytes;
    const at = item * 32;
    const mask = this.slots.length - 1;
    let s = (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = item + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let i = 0; i < this.size; i++) this.place(i);
  }
}
