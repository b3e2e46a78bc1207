// A long list of findings made item by item as it is walked, from what the pass over the store kept
// compactly: a store's 80,000 downloads that the history no longer lists are never all objects at
// once, and the report streams them.

export class LazyList<T> implements Iterable<T> {
  constructor(
    readonly length: number,
    private readonly item: (i: number) => T,
  ) {}

  static of<T>(items: readonly T[]): LazyList<T> {
    return new LazyList(items.length, (i) => items[i]!);
  }

  *[Symbol.iterator](): Generator<T> {
    for (let i = 0; i < this.length; i++) yield this.item(i);
  }

  /** The same list, each item mapped when it is made. */
  map<U>(f: (item: T) => U): LazyList<U> {
    return new LazyList(this.length, (i) => f(this.item(i)));
  }

  /** Items [from, to), made now. */
  slice(from: number, to = this.length): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.length); i++) out.push(this.item(i));
    return out;
  }

  /** JSON.stringify writes the list as the array it stands for. */
  toJSON(): T[] {
    return this.slice(0);
  }
}
