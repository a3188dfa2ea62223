/**
 * Evaluates a feedparser `Expect:` expression against our normalized model (see
 * result-view.ts for what each key maps to). Any key we do not model makes the whole
 * expression not applicable, even after a failing part, since every operand is evaluated.
 */
import type { ParsedFeed } from '@shared/feed-model';
import type { Expression } from './python-expression';
import { rootName } from './result-view';
import {
  describeValue,
  isNode,
  isSpecial,
  isSpecialValue,
  Leaf,
  NotApplicable,
  type Value,
} from './values';

export type Outcome = { applicable: false; reason: string } | { applicable: true; pass: boolean };

export function evaluateExpectation(expression: Expression, feed: ParsedFeed): Outcome {
  const state = { modelled: false };
  let value: Value;
  try {
    value = evaluate(expression, feed, state);
  } catch (error) {
    if (error instanceof NotApplicable) return { applicable: false, reason: error.message };
    throw error;
  }
  if (!state.modelled) return { applicable: false, reason: 'asserts nothing we model' };
  return { applicable: true, pass: truthy(value) };
}

function evaluate(expression: Expression, feed: ParsedFeed, state: { modelled: boolean }): Value {
  const recurse = (inner: Expression) => evaluate(inner, feed, state);
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'tuple':
    case 'list':
      return expression.items.map(recurse);
    case 'dict':
      throw new NotApplicable('compares a whole dict (links, contributors)');
    case 'name':
      return rootName(expression.name, feed);
    case 'subscript':
    case 'attribute': {
      const target = recurse(expression.target);
      const key = expression.kind === 'attribute' ? expression.name : recurse(expression.index);
      if (!isNode(target)) throw new NotApplicable(`lookup on ${describeValue(target)}`);
      if (typeof key === 'object' && key !== null) throw new NotApplicable('computed key');
      const result = target.get(key);
      if (result instanceof Leaf) state.modelled = true;
      return result;
    }
    case 'call': {
      const callee = recurse(expression.callee);
      if (isSpecial(callee, 'len') && expression.args.length === 1) {
        const target = recurse(expression.args[0]);
        if (!isNode(target) || !target.length) throw new NotApplicable('len() of an unknown');
        state.modelled = true;
        return target.length();
      }
      throw new NotApplicable('calls a function');
    }
    case 'not': {
      const operand = recurse(expression.operand);
      // `not bozo`: feedparser's own well-formedness verdict; ours is lenient by design.
      if (isSpecial(operand, 'bozo')) return { kind: 'ignored' };
      return !truthy(operand);
    }
    case 'negate': {
      const operand = recurse(expression.operand);
      if (typeof operand !== 'number') throw new NotApplicable('negates a non-number');
      return -operand;
    }
    case 'and':
    case 'or': {
      // Every operand is evaluated, so one we cannot model is noticed even after a failure.
      const values = expression.operands.map(recurse).filter((v) => !isSpecial(v, 'ignored'));
      if (values.some((v) => isSpecial(v, 'bozo'))) throw new NotApplicable('asserts bozo');
      return expression.kind === 'and' ? values.every(truthy) : values.some(truthy);
    }
    case 'add': {
      const left = recurse(expression.left);
      const right = recurse(expression.right);
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      throw new NotApplicable('adds values we do not model');
    }
    case 'compare': {
      let left = recurse(expression.first);
      let result = true;
      for (const { op, right: rightExpression } of expression.rest) {
        const right = recurse(rightExpression);
        result = compare(op, left, right) && result;
        left = right;
      }
      return result;
    }
  }
}

function compare(op: string, left: Value, right: Value): boolean {
  switch (op) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case 'is':
      return isIdentical(left, right);
    case 'is not':
      return !isIdentical(left, right);
    default:
      throw new NotApplicable(`uses \`${op}\``);
  }
}

function equals(left: Value, right: Value): boolean {
  if (left instanceof Leaf && right instanceof Leaf) {
    return left.ours !== undefined && JSON.stringify(left.ours) === JSON.stringify(right.ours);
  }
  if (right instanceof Leaf) return equals(right, left);
  if (left instanceof Leaf) {
    // feedparser has '' for an empty element, we leave the field out.
    if (right === null || right === '') return left.ours === undefined || left.ours === '';
    if (isNode(right) || isSpecialValue(right)) throw new NotApplicable('compares structures');
    left.precheck(right);
    return left.ours !== undefined && left.compare(left.ours, right);
  }
  if (isNode(left) || isNode(right)) throw new NotApplicable('compares a structure');
  return JSON.stringify(left) === JSON.stringify(right);
}

function isIdentical(left: Value, right: Value): boolean {
  if (left instanceof Leaf && right === null) return left.ours === undefined;
  throw new NotApplicable('`is` on something other than None');
}

function truthy(value: Value): boolean {
  if (value instanceof Leaf) {
    return Array.isArray(value.ours) ? value.ours.length > 0 : !!value.ours;
  }
  if (isNode(value)) return true;
  if (isSpecialValue(value)) {
    if (value.kind === 'ignored') return true;
    throw new NotApplicable('truth of a special value');
  }
  return Array.isArray(value) ? value.length > 0 : !!value;
}
