/** The values a feedparser expectation evaluates to, ours and Python's. */
import type { PythonValue } from './python-expression';

export class NotApplicable extends Error {}

export type Value = PythonValue | Value[] | Node | Leaf | Special;

export interface Node {
  readonly kind: 'node';
  path: string;
  get(key: PythonValue): Value;
  length?(): number;
}

export type Special = { kind: 'bozo' } | { kind: 'ignored' } | { kind: 'len' };

type Compare = (ours: NonNullable<Leaf['ours']>, expected: PythonValue | Value[]) => boolean;
type Precheck = (expected: PythonValue | Value[]) => void;

export class Leaf {
  readonly kind = 'leaf';
  constructor(
    readonly ours: string | number | string[] | undefined,
    readonly compare: Compare,
    /** Throws NotApplicable for expected values our model cannot express. */
    readonly precheck: Precheck = () => {},
  ) {}
}

export function isNode(value: Value): value is Node {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'node'
  );
}

export function isSpecialValue(value: Value): value is Special {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Leaf) &&
    value.kind !== 'node'
  );
}

export function isSpecial(value: Value, kind: Special['kind']): boolean {
  return isSpecialValue(value) && value.kind === kind;
}

export function describeValue(value: Value): string {
  if (value instanceof Leaf) return 'a value';
  if (isSpecialValue(value)) return value.kind;
  return typeof value;
}
