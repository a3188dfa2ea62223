/** Least-recently-used decoded dictionary blocks, bounded by count (a block is ~4 KB stored). */
import type { DecodedBlock } from './term-blocks';

export class BlockCache {
  private readonly blocks = new Map<string, DecodedBlock>();

  constructor(private readonly capacity: number) {}

  get(key: string): DecodedBlock | undefined {
    const block = this.blocks.get(key);
    if (block) {
      this.blocks.delete(key);
      this.blocks.set(key, block);
    }
    return block;
  }

  set(key: string, block: DecodedBlock): void {
    this.blocks.delete(key);
    this.blocks.set(key, block);
    for (const oldest of this.blocks.keys()) {
      if (this.blocks.size <= this.capacity) break;
      this.blocks.delete(oldest);
    }
  }

  clear(): void {
    this.blocks.clear();
  }

  get size(): number {
    return this.blocks.size;
  }
}
