/**
 * Tokenizer and precedence-climbing parser for config expressions. Grammar:
 *   expr := term (('+' | '-') term)*        term := unary (('*' | '/') unary)*
 *   unary := '-' unary | '+' unary | power  power := atom ('^' unary)?   (right-assoc; -x^2 = -(x^2))
 *   atom := number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
 * Limits on length and nesting keep hostile input cheap; nothing is ever evaluated as code.
 */
import type { BinaryOp, Equation, Expr } from './ast';
import { ExprError } from './exprError';

export const MAX_EXPRESSION_LENGTH = 4000;
export const MAX_NESTING_DEPTH = 64;

type Token =
  | { type: 'num'; value: number; column: number }
  | { type: 'name'; value: string; column: number }
  | { type: 'op'; value: string; column: number }
  | { type: 'end'; column: number };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPERATORS = '+-*/^(),=';

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const rest = text.slice(i, i + 64);
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ type: 'num', value: Number(num[0]), column: i + 1 });
      i += num[0].length;
      continue;
    }
    const name = NAME.exec(text.slice(i, i + 256));
    if (name) {
      tokens.push({ type: 'name', value: name[0], column: i + 1 });
      i += name[0].length;
      continue;
    }
    if (text.startsWith('**', i)) {
      tokens.push({ type: 'op', value: '^', column: i + 1 });
      i += 2;
      continue;
    }
    if (OPERATORS.includes(ch)) {
      tokens.push({ type: 'op', value: ch, column: i + 1 });
      i++;
      continue;
    }
    throw new ExprError(`unexpected character '${ch}'`, i + 1);
  }
  tokens.push({ type: 'end', column: text.length + 1 });
  return tokens;
}

function describe(token: Token): string {
  return token.type === 'end' ? 'end of expression' : `'${token.value}'`;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    return this.tokens[this.index++];
  }

  /** The operator at the cursor, consumed (callers have checked isOp first). */
  private nextOp(): string {
    const token = this.next();
    if (token.type !== 'op') throw new ExprError(`unexpected ${describe(token)}`, token.column);
    return token.value;
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.value === value;
  }

  private expectOp(value: string): void {
    const token = this.next();
    if (token.type !== 'op' || token.value !== value) {
      throw new ExprError(`expected '${value}' but found ${describe(token)}`, token.column);
    }
  }

  private enter(column: number): void {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw new ExprError(`expression nested deeper than ${MAX_NESTING_DEPTH} levels`, column);
    }
  }

  parseAll(): Expr {
    const expr = this.expr();
    this.expectEnd();
    return expr;
  }

  parseEquation(): Equation {
    const lhs = this.expr();
    const token = this.peek();
    if (!(token.type === 'op' && token.value === '=')) {
      if (token.type === 'end') throw new ExprError("an equation needs one '=' (e.g. u_xx + u_yy = f)");
      throw new ExprError(`unexpected ${describe(token)}`, token.column);
    }
    this.next();
    const rhs = this.expr();
    this.expectEnd();
    return { lhs, rhs };
  }

  private expectEnd(): void {
    const token = this.peek();
    if (token.type !== 'end') {
      const what = token.type === 'op' && token.value === '=' ? "a second '='" : describe(token);
      throw new ExprError(`unexpected ${what}`, token.column);
    }
  }

  private expr(): Expr {
    this.enter(this.peek().column);
    let left = this.term();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.nextOp() as BinaryOp;
      left = { kind: 'bin', op, left, right: this.term() };
    }
    this.depth--;
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    for (;;) {
      if (this.isOp('*') || this.isOp('/')) {
        const op = this.nextOp() as BinaryOp;
        left = { kind: 'bin', op, left, right: this.unary() };
        continue;
      }
      const token = this.peek();
      if (token.type === 'num' || token.type === 'name' || (token.type === 'op' && token.value === '(')) {
        throw new ExprError(`missing operator before ${describe(token)} (write 2*x, not 2x)`, token.column);
      }
      return left;
    }
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const column = this.peek().column;
      const sign = this.nextOp();
      this.enter(column);
      const arg = this.unary();
      this.depth--;
      return sign === '-' ? { kind: 'neg', arg } : arg;
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.atom();
    if (this.isOp('^')) {
      const token = this.next();
      this.enter(token.column);
      const exponent = this.unary();
      this.depth--;
      return { kind: 'bin', op: '^', left: base, right: exponent };
    }
    return base;
  }

  private atom(): Expr {
    const token = this.next();
    if (token.type === 'num') {
      if (!Number.isFinite(token.value)) throw new ExprError('number out of range', token.column);
      return { kind: 'num', value: token.value };
    }
    if (token.type === 'name') {
      if (this.isOp('(')) {
        this.next();
        const args: Expr[] = [this.expr()];
        while (this.isOp(',')) {
          this.next();
          args.push(this.expr());
        }
        this.expectOp(')');
        return { kind: 'call', fn: token.value, args, column: token.column };
      }
      return { kind: 'name', name: token.value, column: token.column };
    }
    if (token.type === 'op' && token.value === '(') {
      const inner = this.expr();
      this.expectOp(')');
      return inner;
    }
    throw new ExprError(`unexpected ${describe(token)}`, token.column);
  }
}

function checkText(text: unknown): string {
  if (typeof text !== 'string') throw new ExprError('expected a string expression');
  if (text.trim() === '') throw new ExprError('empty expression');
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExprError(`expression longer than ${MAX_EXPRESSION_LENGTH} characters`);
  }
  return text;
}

export function parseExpression(text: unknown): Expr {
  return new Parser(tokenize(checkText(text))).parseAll();
}

export function parseEquation(text: unknown): Equation {
  return new Parser(tokenize(checkText(text))).parseEquation();
}
