/**
 * Suppression of small counts in published aggregates (estate → urban area → district → city), so
 * that no count below the threshold can be revealed — not even by subtracting published totals.
 *
 * The attacker knows the hierarchy, every published count, that each parent is the sum of its
 * children, and that counts are ≥ 0. A cell is *sensitive* when 0 < value < threshold.
 *
 * Protection criterion: every sum of hidden cells that can be computed exactly from the published
 * ones is 0 or at least the threshold. In a hierarchy each cell appears in two equations (as a parent,
 * and as a child), so the equations form a network; the exactly computable sums of hidden cells are
 * then the cuts through it: a connected group of parent nodes with a published top, whose hidden
 * "frontier" cells sum to the top minus the published frontier cells (`sumOfHidden`), or a hidden top
 * whose whole frontier is published (`hiddenTotal`). By linear-programming duality the largest value
 * a hidden cell can have, given everything published, is the smallest such cut sum containing it —
 * so the criterion also means: an attacker can never bound a sensitive cell below the threshold.
 * Both cut kinds are searched exhaustively by dynamic programming over the tree.
 */
import { suppressCountTree } from './suppression-tree.ts';

export interface CountCell {
  readonly id: string;
  /** The cell this one is part of (absent for the top, e.g. the city). */
  readonly parent?: string;
  readonly value: number;
}

export interface Disclosure {
  readonly kind: 'sumOfHidden' | 'hiddenTotal';
  /** The total the derivation starts from. */
  readonly top: string;
  /** The derivable value (0 < value < threshold). */
  readonly value: number;
  /** A published cell whose suppression closes this leak. */
  readonly remedy?: string;
  /** Danish. */
  readonly explanation: string;
}

export interface SuppressionResult {
  readonly suppressed: ReadonlySet<string>;
  /** Cells below the threshold. */
  readonly primary: ReadonlySet<string>;
  /** Cells hidden only to protect the primary ones. */
  readonly complementary: ReadonlySet<string>;
}

interface Tree {
  readonly value: ReadonlyMap<string, number>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Children before parents. */
  readonly order: readonly string[];
}

function buildTree(cells: readonly CountCell[]): Tree {
  const value = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const c of cells) {
    if (value.has(c.id)) throw new RangeError(`duplicate cell ${c.id}`);
    if (!Number.isSafeInteger(c.value) || c.value < 0) throw new RangeError(`${c.id}: counts must be whole and ≥ 0`);
    value.set(c.id, c.value);
  }
  for (const c of cells) {
    if (c.parent === undefined) continue;
    if (!value.has(c.parent)) throw new RangeError(`${c.id}: unknown parent ${c.parent}`);
    const kids = children.get(c.parent);
    if (kids) kids.push(c.id);
    else children.set(c.parent, [c.id]);
  }
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') throw new RangeError(`cycle at ${id}`);
    state.set(id, 'open');
    for (const k of children.get(id) ?? []) visit(k);
    state.set(id, 'done');
    order.push(id);
  };
  for (const c of cells) visit(c.id);
  for (const [id, kids] of children) {
    const sum = kids.reduce((s, k) => s + value.get(k)!, 0);
    if (sum !== value.get(id)) throw new RangeError(`${id} is ${value.get(id)}, but its parts sum to ${sum}`);
  }
  return { value, children, order };
}

/** Capped achievable sums → the best remedy (smallest published positive frontier cell) for each. */
type Sums = Map<number, string | undefined>;

/**
 * R18 — finds one way to derive a hidden count below the threshold from the published ones, or
 * undefined when the hidden set protects every sensitive cell (see the criterion above).
 */
export function findDisclosure(cells: readonly CountCell[], hidden: ReadonlySet<string>, threshold: number): Disclosure | undefined {
  return scan(buildTree(cells), hidden, threshold);
}

function scan(tree: Tree, hidden: ReadonlySet<string>, t: number): Disclosure | undefined {
  const v = (id: string) => tree.value.get(id)!;
  const better = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || v(a) <= v(b) ? a : b);
  const put = (m: Sums, s: number, r: string | undefined) => m.set(s, m.has(s) ? better(m.get(s), r) : r);
  const combine = (a: Sums, b: Sums): Sums => {
    const out: Sums = new Map();
    for (const [sa, ra] of a) for (const [sb, rb] of b) put(out, Math.min(sa + sb, t), better(ra, rb));
    return out;
  };
  const options = new Map<string, Sums>(); // a cell met below a cut's top: stop at it, or pass through it
  const closed = new Map<string, { ok: boolean; remedy?: string }>(); // can its value be rebuilt from published parts?
  const below = (id: string): Sums =>
    (tree.children.get(id) ?? []).reduce((acc, k) => combine(acc, options.get(k)!), new Map([[0, undefined]]) as Sums);

  for (const id of tree.order) {
    const kids = tree.children.get(id) ?? [];
    const stop: Sums = hidden.has(id) ? new Map([[Math.min(v(id), t), undefined]]) : new Map([[0, v(id) > 0 ? id : undefined]]);
    if (kids.length > 0) for (const [s, r] of below(id)) put(stop, s, r);
    options.set(id, stop);
    if (!hidden.has(id)) closed.set(id, { ok: true, remedy: v(id) > 0 ? id : undefined });
    else if (kids.length === 0) closed.set(id, { ok: false });
    else {
      const parts = kids.map((k) => closed.get(k)!);
      closed.set(id, { ok: parts.every((p) => p.ok), remedy: parts.reduce<string | undefined>((r, p) => better(r, p.remedy), undefined) });
    }
  }
  for (const id of tree.order) {
    if (!tree.children.has(id)) continue;
    if (!hidden.has(id)) {
      for (const [s, remedy] of below(id)) {
        if (s > 0 && s < t) {
          const explanation = `De skjulte tal under »${id}« kan tilsammen udregnes som ${id} minus de offentliggjorte tal: ${s}, under grænsen på ${t}.`;
          return { kind: 'sumOfHidden', top: id, value: s, remedy, explanation };
        }
      }
    } else if (closed.get(id)!.ok && v(id) > 0 && v(id) < t) {
      const explanation = `»${id}« er skjult, men kan udregnes som summen af offentliggjorte tal under det: ${v(id)}, under grænsen på ${t}.`;
      return { kind: 'hiddenTotal', top: id, value: v(id), remedy: closed.get(id)!.remedy, explanation };
    }
  }
  return undefined;
}

/**
 * R18 — hides every count below `threshold` (primary suppression) and then, one at a time, the
 * smallest published counts that would otherwise let a hidden small count be derived (complementary
 * suppression), until no disclosure is left: each step hides the remedy of the first leak `findDisclosure`
 * finds (or its top when there is none). Computed incrementally by `suppressCountTree`.
 */
export function suppressSmallCounts(cells: readonly CountCell[], threshold: number): SuppressionResult {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new RangeError('the threshold must be a whole number ≥ 1');
  const index = new Map<string, number>();
  const value: number[] = [];
  for (const c of cells) {
    if (index.has(c.id)) throw new RangeError(`duplicate cell ${c.id}`);
    if (!Number.isSafeInteger(c.value) || c.value < 0) throw new RangeError(`${c.id}: counts must be whole and ≥ 0`);
    index.set(c.id, value.push(c.value) - 1);
  }
  const parent = cells.map((c) => {
    if (c.parent === undefined) return -1;
    const p = index.get(c.parent);
    if (p === undefined) throw new RangeError(`${c.id}: unknown parent ${c.parent}`);
    return p;
  });
  const r = suppressCountTree({ parent, value }, threshold, (i) => cells[i]!.id);
  const primary = new Set(r.primary.map((i) => cells[i]!.id));
  const complementary = new Set(r.complementary.map((i) => cells[i]!.id));
  return { suppressed: new Set([...primary, ...complementary]), primary, complementary };
}

/** R18 — the counts as published: hidden ones as null. */
export function publishedCounts(cells: readonly CountCell[], result: SuppressionResult): { id: string; value: number | null }[] {
  return cells.map((c) => ({ id: c.id, value: result.suppressed.has(c.id) ? null : c.value }));
}
