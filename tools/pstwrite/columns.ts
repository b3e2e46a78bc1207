// Growable typed columns: what the writer keeps per block and node until finish(). A store of a
// million messages has millions of blocks; as 8-byte numbers each, their rows alone would take
// more than the writer's memory goal.

type Typed = Float64Array | Uint32Array | Uint16Array;

export class Column<A extends Typed> {
  data: A;
  length = 0;
  constructor(private readonly make: (length: number) => A) {
    this.data = make(1024);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(2 * this.data.length);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }
}

export const f64 = (): Column<Float64Array> => new Column((n) => new Float64Array(n));
export const u32 = (): Column<Uint32Array> => new Column((n) => new Uint32Array(n));
export const u16 = (): Column<Uint16Array> => new Column((n) => new Uint16Array(n));

/** A value that must fit its column, checked: a silent wrap would write a wrong store. */
export function fits(v: number, max: number, what: string): number {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`${what} ${v} does not fit the writer's column (at most ${max})`);
  return v;
}
