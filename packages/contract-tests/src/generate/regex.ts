import type { Rng } from './prng.js';

type Range = readonly [number, number];
type Node =
  | { readonly kind: 'seq'; readonly items: readonly Node[] }
  | { readonly kind: 'alt'; readonly options: readonly Node[] }
  | { readonly kind: 'set'; readonly ranges: readonly Range[]; readonly negated: boolean }
  | { readonly kind: 'repeat'; readonly node: Node; readonly min: number; readonly max: number };

const PRINTABLE: Range = [0x20, 0x7e];
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0x5f, 0x5f],
];
const SPACE: Range[] = [[0x20, 0x20]];
const UNBOUNDED_EXTRA = 3;

const lit = (ch: number): Node => ({ kind: 'set', ranges: [[ch, ch]], negated: false });

/** A parser of the regular-expression subset JSON Schema `pattern`s use in practice. */
class Parser {
  private i = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.source.length) {
      throw new SyntaxError(`unsupported pattern ${this.source} at ${this.i}`);
    }
    return node;
  }

  private peek() {
    return this.source[this.i];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      if (atom !== null) {
        items.push(this.quantified(atom));
      }
    }
    return { kind: 'seq', items };
  }

  private atom(): Node | null {
    const ch = this.source[this.i++]!;
    switch (ch) {
      case '^':
      case '$':
        return null;
      case '(': {
        if (this.source.startsWith('?:', this.i)) {
          this.i += 2;
        }
        const inner = this.alternation();
        if (this.source[this.i++] !== ')') {
          throw new SyntaxError(`unbalanced group in ${this.source}`);
        }
        return inner;
      }
      case '[':
        return this.set();
      case '.':
        return { kind: 'set', ranges: [PRINTABLE], negated: false };
      case '\\':
        return { kind: 'set', ranges: this.escape(), negated: false };
      default:
        return lit(ch.codePointAt(0)!);
    }
  }

  private escape(): Range[] {
    const ch = this.source[this.i++]!;
    switch (ch) {
      case 'd':
        return DIGIT;
      case 'w':
        return WORD;
      case 's':
        return SPACE;
      case 'x': {
        const code = Number.parseInt(this.source.slice(this.i, this.i + 2), 16);
        this.i += 2;
        return [[code, code]];
      }
      case 'u': {
        const code = Number.parseInt(this.source.slice(this.i, this.i + 4), 16);
        this.i += 4;
        return [[code, code]];
      }
      case 't':
        return [[9, 9]];
      case 'n':
        return [[10, 10]];
      default:
        return [[ch.codePointAt(0)!, ch.codePointAt(0)!]];
    }
  }

  private set(): Node {
    const negated = this.peek() === '^';
    if (negated) {
      this.i++;
    }
    const ranges: Range[] = [];
    let first = true;
    while (this.i < this.source.length && (this.peek() !== ']' || first)) {
      first = false;
      const lo = this.classAtom();
      if (
        this.peek() === '-' &&
        this.source[this.i + 1] !== ']' &&
        lo.length === 1 &&
        lo[0]![0] === lo[0]![1]
      ) {
        this.i++;
        const hi = this.classAtom();
        ranges.push([lo[0]![0], hi[0]![1]]);
      } else {
        ranges.push(...lo);
      }
    }
    if (this.source[this.i++] !== ']') {
      throw new SyntaxError(`unterminated class in ${this.source}`);
    }
    return { kind: 'set', ranges, negated };
  }

  private classAtom(): Range[] {
    const ch = this.source[this.i++]!;
    if (ch === '\\') {
      return this.escape();
    }
    const code = ch.codePointAt(0)!;
    return [[code, code]];
  }

  private quantified(node: Node): Node {
    const ch = this.peek();
    let min: number;
    let max: number;
    if (ch === '*') {
      [min, max] = [0, UNBOUNDED_EXTRA];
      this.i++;
    } else if (ch === '+') {
      [min, max] = [1, 1 + UNBOUNDED_EXTRA];
      this.i++;
    } else if (ch === '?') {
      [min, max] = [0, 1];
      this.i++;
    } else if (ch === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!match) {
        return node;
      }
      this.i += match[0].length;
      min = Number(match[1]);
      max = match[2] === undefined ? min : match[3] === '' ? min + UNBOUNDED_EXTRA : Number(match[3]);
    } else {
      return node;
    }
    if (this.peek() === '?') {
      this.i++;
    }
    return { kind: 'repeat', node, min, max };
  }
}

const cache = new Map<string, Node>();

function parse(pattern: string): Node {
  let node = cache.get(pattern);
  if (!node) {
    node = new Parser(pattern).parse();
    cache.set(pattern, node);
  }
  return node;
}

function pickFromSet(ranges: readonly Range[], negated: boolean, rng: Rng): string {
  if (negated) {
    const allowed: number[] = [];
    for (let c = PRINTABLE[0]; c <= PRINTABLE[1]; c++) {
      if (!ranges.some(([lo, hi]) => c >= lo && c <= hi)) {
        allowed.push(c);
      }
    }
    return String.fromCodePoint(rng.pick(allowed));
  }
  const total = ranges.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
  let k = rng.int(0, total - 1);
  for (const [lo, hi] of ranges) {
    if (k <= hi - lo) {
      return String.fromCodePoint(lo + k);
    }
    k -= hi - lo + 1;
  }
  return String.fromCodePoint(ranges[0]![0]);
}

type Length = 'short' | 'long' | 'unique';

function emit(node: Node, rng: Rng, length: Length): string {
  switch (node.kind) {
    case 'seq':
      return node.items.map((n) => emit(n, rng, length)).join('');
    case 'alt':
      return emit(rng.pick(node.options), rng, length);
    case 'set':
      return pickFromSet(node.ranges, node.negated, rng);
    case 'repeat': {
      // Mostly short repetitions, sometimes up to the bound: both ends get exercised. Values that
      // must not collide (names of fixtures) take 8–16 repetitions where the pattern allows.
      const cap =
        length === 'long' ? node.max : Math.min(node.max, node.min + (length === 'unique' ? 16 : 8));
      const floor = length === 'unique' ? Math.min(cap, node.min + 8) : node.min;
      const count = rng.int(floor, cap);
      let out = '';
      for (let i = 0; i < count; i++) {
        out += emit(node.node, rng, length);
      }
      return out;
    }
  }
}

/**
 * Generates a string that matches `pattern` (the subset of ECMAScript regular expressions that
 * JSON Schema patterns use: classes, groups, alternation, quantifiers, `\d \w \s \xHH \uHHHH`),
 * within `minLength`–`maxLength` when it can; `unique` favours longer values, which seldom collide.
 *
 * @example
 * ```ts
 * stringMatching('^pl_[0-9A-Za-z]{24}$', createRng(1)); // 'pl_4Tz…' (27 characters)
 * ```
 */
export function stringMatching(
  pattern: string,
  rng: Rng,
  {
    minLength = 0,
    maxLength = Number.POSITIVE_INFINITY,
    unique = false,
  }: { minLength?: number; maxLength?: number; unique?: boolean } = {},
): string {
  const node = parse(pattern);
  const re = new RegExp(pattern, 'u');
  let candidate = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const style: Length = attempt >= 10 ? 'short' : unique ? 'unique' : rng.chance(0.2) ? 'long' : 'short';
    candidate = emit(node, rng, style);
    const length = [...candidate].length;
    if (length >= minLength && length <= maxLength && re.test(candidate)) {
      return candidate;
    }
  }
  return candidate;
}

/** A short string that does NOT match `pattern` (for invalid inputs), or `undefined` if none is found. */
export function stringNotMatching(pattern: string, rng: Rng, maxLength = 64): string | undefined {
  const re = new RegExp(pattern, 'u');
  const candidates = [
    '!',
    ' x',
    'é',
    '#bad#',
    '\u00a0',
    'A B',
    '../',
    '0',
    'a',
    '',
    rng.pick(['%00', '<script>']),
  ];
  for (const c of rng.sample(candidates, candidates.length)) {
    if (c.length > 0 && c.length <= maxLength && !re.test(c)) {
      return c;
    }
  }
  return undefined;
}
