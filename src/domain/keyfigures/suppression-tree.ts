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

/** Cells by position: `parent[i]` is the index of cell i's parent (−1 for a top); parents are the sums of their children. */
export interface CountTree {
  readonly parent: ArrayLike<number>;
  readonly value: ArrayLike<number>;
}

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
 * R18 — the cells to hide so that no count below `threshold` can be read or derived by differencing (the same cells,
 * in the same order, as `suppressSmallCounts`). `idOf` names a cell in error messages. The tree must be consistent
 * (every parent the sum of its children, no cycle); counts must be whole and ≥ 0.
 */
export function suppressCountTree(tree: CountTree, threshold: number, idOf: (i: number) => string = String): TreeSuppression {
  const { parent, value } = tree;
  const n = value.length;
  const t = threshold;
  const primary: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = value[i]!;
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${idOf(i)}: counts must be whole and ≥ 0`);
    if (v > 0 && v < t) primary.push(i);
  }

  // Children in cell order, as index ranges (kids[start[p] … start[p + 1]]).
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
    if (p >= 0) kids[fill[p]!] = i;
    if (p >= 0) fill[p] = fill[p]! + 1;
  }
  const inner = (i: number) => start[i + 1]! > start[i]!;

  // Post-order, visiting the cells in order (as `buildTree`): children before parents.
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
        order.push(c);
      }
    }
  }
  const checked = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p < 0 || checked[p]) continue;
    let sum = 0;
    for (let j = start[p]!; j < start[p + 1]!; j++) sum += value[kids[j]!]!;
    if (sum !== value[p]) throw new RangeError(`${idOf(p)} is ${value[p]}, but its parts sum to ${sum}`);
    checked[p] = 1;
  }
  // Nothing below the threshold: no cell is hidden, so no sum of hidden cells can be derived.
  if (primary.length === 0) return { primary, complementary: [] };
  const innerOrder = order.filter(inner);

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

  const options: (Sums | undefined)[] = new Array(n); // inner cells; a leaf's is one entry, made where used
  const below: (Sums | undefined)[] = new Array(n);
  const closedOk = new Uint8Array(n);
  const closedRemedy = new Int32Array(n);
  const leakKind = new Uint8Array(n); // 0 none, 1 sum of hidden cells below a published top, 2 a hidden total
  const leakRemedy = new Int32Array(n);

  /** The combination of the children's options (a fresh list owned by the caller). */
  const belowOf = (id: number): Sums => {
    let acc: Sums = { s: [0], r: [-1] };
    for (let j = start[id]!; j < start[id + 1]!; j++) {
      const k = kids[j]!;
      const o = options[k];
      if (o === undefined && !hidden[k]) {
        // A published leaf adds 0 and offers itself as remedy: the same sums in the same order.
        const rk = value[k]! > 0 ? k : -1;
        for (let x = 0; x < acc.r.length; x++) acc.r[x] = better(acc.r[x]!, rk);
        continue;
      }
      const os = o ?? { s: [Math.min(value[k]!, t)], r: [-1] };
      const out: Sums = { s: [], r: [] };
      for (let x = 0; x < acc.s.length; x++)
        for (let y = 0; y < os.s.length; y++) put(out, Math.min(acc.s[x]! + os.s[y]!, t), better(acc.r[x]!, os.r[y]!));
      release(out);
      acc = out;
    }
    return acc;
  };

  /** Recomputes a cell's state from its children's (its below list too when `withBelow`). */
  const update = (id: number, withBelow: boolean) => {
    const v = value[id]!;
    if (!hidden[id]) {
      closedOk[id] = 1;
      closedRemedy[id] = v > 0 ? id : -1;
    } else if (!inner(id)) {
      closedOk[id] = 0;
      closedRemedy[id] = -1;
    } else {
      let ok = 1;
      let r = -1;
      for (let j = start[id]!; j < start[id + 1]!; j++) {
        const k = kids[j]!;
        if (!closedOk[k]) ok = 0;
        r = better(r, closedRemedy[k]!);
      }
      closedOk[id] = ok;
      closedRemedy[id] = r;
    }
    if (!inner(id)) return;
    if (withBelow || below[id] === undefined) below[id] = belowOf(id);
    const b = below[id]!;
    // A cut may stop at this cell (its capped value when hidden, else 0 with itself as remedy) or pass through it.
    const stop: Sums = { s: [], r: [] };
    if (hidden[id]) put(stop, Math.min(v, t), -1);
    else put(stop, 0, v > 0 ? id : -1);
    for (let x = 0; x < b.s.length; x++) put(stop, b.s[x]!, b.r[x]!);
    release(stop);
    options[id] = stop;
    leakKind[id] = 0;
    if (!hidden[id]) {
      for (let x = 0; x < b.s.length; x++) {
        if (b.s[x]! > 0 && b.s[x]! < t) {
          leakKind[id] = 1;
          leakRemedy[id] = b.r[x]!;
          break;
        }
      }
    } else if (closedOk[id] && v > 0 && v < t) {
      leakKind[id] = 2;
      leakRemedy[id] = closedRemedy[id]!;
    }
  };

  for (const id of order) update(id, true);
  const complementary: number[] = [];
  for (;;) {
    const top = innerOrder.find((id) => leakKind[id] !== 0);
    if (top === undefined) break;
    const remedy = leakRemedy[top]!;
    const hide = remedy >= 0 && !hidden[remedy] ? remedy : top;
    if (hidden[hide]) throw new Error(`suppression made no progress at ${idOf(hide)}`);
    hidden[hide] = 1;
    complementary.push(hide);
    update(hide, false);
    for (let p = parent[hide]!; p >= 0; p = parent[p]!) update(p, true);
  }
  return { primary, complementary };
}
