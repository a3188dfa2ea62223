/**
 * Parses the small subset of Python that feedparser's test files use in their `Expect:` lines:
 * boolean logic, (chained) comparisons, subscripts, attribute access, calls and literals.
 */

export type Expression =
  | { kind: 'literal'; value: PythonValue }
  | { kind: 'name'; name: string }
  | { kind: 'tuple' | 'list'; items: Expression[] }
  | { kind: 'dict'; entries: [Expression, Expression][] }
  | { kind: 'subscript'; target: Expression; index: Expression }
  | { kind: 'attribute'; target: Expression; name: string }
  | { kind: 'call'; callee: Expression; args: Expression[] }
  | { kind: 'not'; operand: Expression }
  | { kind: 'negate'; operand: Expression }
  | { kind: 'and' | 'or'; operands: Expression[] }
  | { kind: 'add'; left: Expression; right: Expression }
  | { kind: 'compare'; first: Expression; rest: { op: CompareOp; right: Expression }[] };

export type CompareOp = '==' | '!=' | 'is' | 'is not' | 'in' | 'not in';
export type PythonValue = string | number | boolean | null;

interface Token {
  type: 'string' | 'number' | 'name' | 'op' | 'end';
  text: string;
  value?: string | number;
}

export function parsePython(source: string): Expression {
  const parser = new Parser(tokenize(source));
  const expression = parser.expression();
  parser.expect('end');
  return expression;
}

const OPERATORS = ['==', '!=', '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const rest = source.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const string = /^([uUbBrR]{0,2})('''|"""|'|")/.exec(rest);
    if (string) {
      const [prefix, quote] = [string[1], string[2]];
      const start = index + string[0].length;
      const end = findClosingQuote(source, start, quote);
      const body = source.slice(start, end);
      const raw = /r/i.test(prefix);
      tokens.push({ type: 'string', text: body, value: raw ? body : unescape(body) });
      index = end + quote.length;
      continue;
    }
    const number = /^\d+(?:\.\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0] });
      index += name[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (!op) throw new SyntaxError(`Unexpected character ${JSON.stringify(rest[0])}`);
    tokens.push({ type: 'op', text: op });
    index += op.length;
  }
  tokens.push({ type: 'end', text: '' });
  return tokens;
}

function findClosingQuote(source: string, start: number, quote: string): number {
  let index = start;
  while (index < source.length) {
    if (source[index] === '\\') index += 2;
    else if (source.startsWith(quote, index)) return index;
    else index += 1;
  }
  throw new SyntaxError('Unterminated string literal');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  f: '\f',
  v: '\v',
  b: '\b',
  a: '\x07',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

function unescape(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g,
    (match, escape: string) => {
      if (/^[xuU]/.test(escape)) return String.fromCodePoint(Number.parseInt(escape.slice(1), 16));
      if (/^[0-7]+$/.test(escape)) return String.fromCodePoint(Number.parseInt(escape, 8));
      return SIMPLE_ESCAPES[escape] ?? match;
    },
  );
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  expression(): Expression {
    return this.or();
  }

  expect(type: Token['type'], text?: string): Token {
    const token = this.tokens[this.position];
    if (token.type !== type || (text !== undefined && token.text !== text)) {
      throw new SyntaxError(`Expected ${text ?? type}, found ${JSON.stringify(token.text)}`);
    }
    this.position += 1;
    return token;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)];
  }

  private accept(text: string): boolean {
    const token = this.peek();
    if ((token.type === 'op' || token.type === 'name') && token.text === text) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private or(): Expression {
    const operands = [this.and()];
    while (this.accept('or')) operands.push(this.and());
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private and(): Expression {
    const operands = [this.not()];
    while (this.accept('and')) operands.push(this.not());
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private not(): Expression {
    if (this.accept('not')) return { kind: 'not', operand: this.not() };
    return this.comparison();
  }

  private comparison(): Expression {
    const first = this.sum();
    const rest: { op: CompareOp; right: Expression }[] = [];
    for (;;) {
      const op = this.compareOp();
      if (!op) break;
      rest.push({ op, right: this.sum() });
    }
    return rest.length ? { kind: 'compare', first, rest } : first;
  }

  private compareOp(): CompareOp | undefined {
    if (this.accept('==')) return '==';
    if (this.accept('!=')) return '!=';
    if (this.accept('in')) return 'in';
    if (this.peek().text === 'not' && this.peek(1).text === 'in') {
      this.position += 2;
      return 'not in';
    }
    if (this.accept('is')) return this.accept('not') ? 'is not' : 'is';
    return undefined;
  }

  private sum(): Expression {
    let left = this.unary();
    while (this.accept('+')) left = { kind: 'add', left, right: this.unary() };
    return left;
  }

  private unary(): Expression {
    if (this.accept('-')) return { kind: 'negate', operand: this.unary() };
    return this.postfix();
  }

  private postfix(): Expression {
    let target = this.atom();
    for (;;) {
      if (this.accept('[')) {
        const index = this.expression();
        this.expect('op', ']');
        target = { kind: 'subscript', target, index };
      } else if (this.accept('.')) {
        target = { kind: 'attribute', target, name: this.expect('name').text };
      } else if (this.accept('(')) {
        target = { kind: 'call', callee: target, args: this.sequence(')') };
      } else {
        return target;
      }
    }
  }

  private atom(): Expression {
    const token = this.peek();
    if (token.type === 'string') {
      // Adjacent literals concatenate, as in Python.
      let value = '';
      while (this.peek().type === 'string') value += String(this.expect('string').value);
      return { kind: 'literal', value };
    }
    if (token.type === 'number') {
      this.position += 1;
      return { kind: 'literal', value: Number(token.value) };
    }
    if (token.type === 'name') {
      this.position += 1;
      if (token.text === 'None') return { kind: 'literal', value: null };
      if (token.text === 'True') return { kind: 'literal', value: true };
      if (token.text === 'False') return { kind: 'literal', value: false };
      return { kind: 'name', name: token.text };
    }
    if (this.accept('(')) {
      const items = this.sequence(')');
      const single = items.length === 1 && this.tokens[this.position - 2].text !== ',';
      return single ? items[0] : { kind: 'tuple', items };
    }
    if (this.accept('[')) return { kind: 'list', items: this.sequence(']') };
    if (this.accept('{')) return this.dict();
    throw new SyntaxError(`Unexpected ${JSON.stringify(token.text)}`);
  }

  private sequence(close: string): Expression[] {
    const items: Expression[] = [];
    while (!this.accept(close)) {
      items.push(this.expression());
      if (!this.accept(',')) {
        this.expect('op', close);
        break;
      }
    }
    return items;
  }

  private dict(): Expression {
    const entries: [Expression, Expression][] = [];
    while (!this.accept('}')) {
      const key = this.expression();
      this.expect('op', ':');
      entries.push([key, this.expression()]);
      if (!this.accept(',')) {
        this.expect('op', '}');
        break;
      }
    }
    return { kind: 'dict', entries };
  }
}
