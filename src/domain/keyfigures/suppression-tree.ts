/**
 * R18 — the complementary suppression of `suppressSmallCounts`, computed incrementally over cells by position.
 *
 * The greedy rule is unchanged: hide every count below the threshold, then, while the disclosure search finds a leak
 * (the first in the tree's post-order), hide its remedy (else its top). The search's state of a cell — the capped sums
 * of hidden cells reachable below it (with the best remedy for each), whether its hidden value can be rebuilt from
 * published parts, and the leak it tops — depends only on the cell's subtree. Hiding one cell therefore changes the
 * state of that cell and its ancestors alone: they are recomputed, the rest is kept, and the next leak is the first
 * cell in post-order whose state has one. Each step mirrors `scan` in suppression.ts operation by operation
 * (insertion order of the sums, ties in `better`), so the hidden cells are exactly those of a full rescan per step —
 * `test/unit/keyfigures/suppression-tree.test.ts` compares the two.
 */

/** The hidden cells: below the threshold (in cell order), then the complementary ones in the order they were hidden. */
export interface TreeSuppression {
  readonly primary: readonly number[];
  readonly complementary: readonly number[];
}

/** Capped achievable sums in insertion order, each with its remedy (the index of a published cell, −1 for none). */
interface Sums {
  s: number[];
  r: number[];
}

/**
 * The cells of a hierarchy by position — `parent[i]` is the index of cell i's parent, −1 for a top — prepared once
 * for any number of count series over it (residents, each variable's numerators, …). `idOf` names a cell in errors.
 */
export class CountTree {
  readonly size: number;
  readonly parent: ArrayLike<number>;
  private readonly idOf: (i: number) => string;
  /** Children in cell order: kids[start[p] … start[p + 1]]. */
  private readonly start: Int32Array;
  private readonly kids: Int32Array;
  /** The cells with children, in post-order (children before parents, visiting the cells in order as `buildTree`). */
  private readonly innerOrder: Int32Array;
  /** A cell's position among the cells with children (−1 for a leaf). */
  private readonly innerAt: Int32Array;

  constructor(parent: ArrayLike<number>, idOf: (i: number) => string = String) {
    const n = parent.length;
    this.size = n;
    this.parent = parent;
    this.idOf = idOf;
    const start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const p = parent[i]!;
      if (p >= n) throw new RangeError(`${idOf(i)}: unknown parent ${p}`);
      if (p >= 0) start[p + 1] = start[p + 1]! + 1;
    }
    for (let i = 0; i < n; i++) start[i + 1] = start[i + 1]! + start[i]!;
    const kids = new Int32Array(start[n]!);
    const fill = start.slice(0, n);
    for (let i = 0; i < n; i++) {
      const p = parent[i]!;
      if (p < 0) continue;
      kids[fill[p]!] = i;
      fill[p] = fill[p]! + 1;
    }
    this.start = start;
    this.kids = kids;

    const order: number[] = [];
    const state = new Uint8Array(n); // 0 new, 1 open, 2 done
    const next = new Int32Array(n);
    for (let root = 0; root < n; root++) {
      if (state[root] === 2) continue;
      const stack = [root];
      state[root] = 1;
      next[root] = start[root]!;
      while (stack.length > 0) {
        const c = stack[stack.length - 1]!;
        if (next[c]! < start[c + 1]!) {
          const k = kids[next[c]!]!;
          next[c] = next[c]! + 1;
          if (state[k] === 2) continue;
          if (state[k] === 1) throw new RangeError(`cycle at ${idOf(k)}`);
          state[k] = 1;
          next[k] = start[k]!;
          stack.push(k);
        } else {
          stack.pop();
          state[c] = 2;
          if (start[c + 1]! > start[c]!) order.push(c);
        }
      }
    }
    this.innerOrder = Int32Array.from(order);
    this.innerAt = new Int32Array(n).fill(-1);
    order.forEach((c, x) => {
      this.innerAt[c] = x;
    });
  }

  /**
   * R18 — the cells to hide so that no count below `threshold` can be read or derived by differencing (the same
   * cells, in the same order, as `suppressSmallCounts`). Counts must be whole and ≥ 0, parents the sums of their children.
   */
  suppress(value: ArrayLike<number>, threshold: number): TreeSuppression {
    const { start, kids, parent, innerOrder, innerAt, idOf } = this;
    const n = this.size;
    const t = threshold;
    if (value.length !== n) throw new RangeError(`expected ${n} counts, got ${value.length}`);
    const primary: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = value[i]!;
      if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${idOf(i)}: counts must be whole and ≥ 0`);
      if (v > 0 && v < t) primary.push(i);
    }
    // Parents are checked in the order their first child appears (as `buildTree`).
    const checked = new Uint8Array(innerOrder.length);
    for (let i = 0; i < n; i++) {
      const p = parent[i]!;
      if (p < 0 || checked[innerAt[p]!]) continue;
      let sum = 0;
      for (let j = start[p]!; j < start[p + 1]!; j++) sum += value[kids[j]!]!;
      if (sum !== value[p]) throw new RangeError(`${idOf(p)} is ${value[p]}, but its parts sum to ${sum}`);
      checked[innerAt[p]!] = 1;
    }
    // Nothing below the threshold: no cell is hidden, so no sum of hidden cells can be derived.
    if (primary.length === 0) return { primary, complementary: [] };

    const hidden = new Uint8Array(n);
    for (const i of primary) hidden[i] = 1;
    const better = (a: number, b: number) => (a < 0 ? b : b < 0 || value[a]! <= value[b]! ? a : b);
    // Scratch: the position of a sum in the list being built (sums are capped at the threshold).
    const at = t < 1 << 16 ? new Int32Array(t + 1).fill(-1) : undefined;
    const far = new Map<number, number>();
    const put = (m: Sums, s: number, r: number) => {
      const p = at ? at[s]! : (far.get(s) ?? -1);
      if (p < 0) {
        if (at) at[s] = m.s.length;
        else far.set(s, m.s.length);
        m.s.push(s);
        m.r.push(r);
      } else m.r[p] = better(m.r[p]!, r);
    };
    const release = (m: Sums) => {
      if (at) for (const s of m.s) at[s] = -1;
      else far.clear();
    };

    // The state of the cells with children, by their position among them. A leaf's is made where it is used: its
    // options are one entry, and its value can be rebuilt (from itself) exactly when it is published.
    const m = innerOrder.length;
    const options: Sums[] = new Array(m);
    const below: Sums[] = new Array(m);
    const closedOk = new Uint8Array(m);
    const closedRemedy = new Int32Array(m);
    const leakKind = new Uint8Array(m); // 0 none, 1 sum of hidden cells below a published top, 2 a hidden total
    const leakRemedy = new Int32Array(m);
    const closed = (k: number): [ok: boolean, remedy: number] => {
      const x = innerAt[k]!;
      if (x >= 0) return [closedOk[x] === 1, closedRemedy[x]!];
      return hidden[k] ? [false, -1] : [true, value[k]! > 0 ? k : -1];
    };

    /** The combination of the children's options (a fresh list). */
    const belowOf = (id: number): Sums => {
      let acc: Sums = { s: [0], r: [-1] };
      for (let j = start[id]!; j < start[id + 1]!; j++) {
        const k = kids[j]!;
        const x = innerAt[k]!;
        if (x < 0 && !hidden[k]) {
          // A published leaf adds 0 and offers itself as remedy: the same sums in the same order.
          const rk = value[k]! > 0 ? k : -1;
          for (let y = 0; y < acc.r.length; y++) acc.r[y] = better(acc.r[y]!, rk);
          continue;
        }
        if (x < 0) {
          // A hidden leaf adds its capped value and no remedy: each sum moves up, those reaching the cap merge into
          // the first of them. Done in place (a write never overtakes the read), as the combination below would.
          const h = Math.min(value[k]!, t);
          let w = 0;
          for (let y = 0; y < acc.s.length; y++) {
            const s = Math.min(acc.s[y]! + h, t);
            const r = acc.r[y]!;
            const p = at ? at[s]! : (far.get(s) ?? -1);
            if (p >= 0) acc.r[p] = better(acc.r[p]!, r);
            else {
              if (at) at[s] = w;
              else far.set(s, w);
              acc.s[w] = s;
              acc.r[w] = r;
              w++;
            }
          }
          acc.s.length = w;
          acc.r.length = w;
          release(acc);
          continue;
        }
        const os = options[x]!;
        const out: Sums = { s: [], r: [] };
        for (let a = 0; a < acc.s.length; a++)
          for (let b = 0; b < os.s.length; b++) put(out, Math.min(acc.s[a]! + os.s[b]!, t), better(acc.r[a]!, os.r[b]!));
        release(out);
        acc = out;
      }
      return acc;
    };

    /** Recomputes the state of a cell with children from its children's (its below list too when `withBelow`). */
    const update = (id: number, withBelow: boolean) => {
      const x = innerAt[id]!;
      const v = value[id]!;
      if (!hidden[id]) {
        closedOk[x] = 1;
        closedRemedy[x] = v > 0 ? id : -1;
      } else {
        let ok = true;
        let r = -1;
        for (let j = start[id]!; j < start[id + 1]!; j++) {
          const [kOk, kRemedy] = closed(kids[j]!);
          ok &&= kOk;
          r = better(r, kRemedy);
        }
        closedOk[x] = ok ? 1 : 0;
        closedRemedy[x] = r;
      }
      if (withBelow || below[x] === undefined) below[x] = belowOf(id);
      const b = below[x]!;
      // A cut may stop at this cell (its capped value when hidden, else 0 with itself as remedy) or pass through it.
      const stop: Sums = { s: [], r: [] };
      if (hidden[id]) put(stop, Math.min(v, t), -1);
      else put(stop, 0, v > 0 ? id : -1);
      for (let y = 0; y < b.s.length; y++) put(stop, b.s[y]!, b.r[y]!);
      release(stop);
      options[x] = stop;
      leakKind[x] = 0;
      if (!hidden[id]) {
        for (let y = 0; y < b.s.length; y++) {
          if (b.s[y]! > 0 && b.s[y]! < t) {
            leakKind[x] = 1;
            leakRemedy[x] = b.r[y]!;
            break;
          }
        }
      } else if (closedOk[x] && v > 0 && v < t) {
        leakKind[x] = 2;
        leakRemedy[x] = closedRemedy[x]!;
      }
    };

    for (const id of innerOrder) update(id, true);
    const complementary: number[] = [];
    for (;;) {
      // The first cell (in post-order) that tops a leak of either kind.
      const x = leakKind.findIndex((k) => k !== 0);
      if (x < 0) break;
      const top = innerOrder[x]!;
      const remedy = leakRemedy[x]!;
      const hide = remedy >= 0 && !hidden[remedy] ? remedy : top;
      if (hidden[hide]) throw new Error(`suppression made no progress at ${idOf(hide)}`);
      hidden[hide] = 1;
      complementary.push(hide);
      if (innerAt[hide]! >= 0) update(hide, false);
      for (let p = parent[hide]!; p >= 0; p = parent[p]!) update(p, true);
    }
    return { primary, complementary };
  }
}

/** R18 — `CountTree.suppress` for one series: the tree and its counts by position. */
export function suppressCountTree(
  tree: { parent: ArrayLike<number>; value: ArrayLike<number> },
  threshold: number,
  idOf: (i: number) => string = String,
): TreeSuppression {
  return new CountTree(tree.parent, idOf).suppress(tree.value, threshold);
}
