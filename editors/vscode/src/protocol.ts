// The custom messages of cedar-ls (docs/LANGUAGE-SERVER.md and the inline
// authorization protocol) as the client reads them, with checks, since a
// notification from a newer or older server may not have this shape.

// cedar/showAuthorizeResult: draw text at the end of a line.
export interface ShowAuthorizeResult { uri: string; line: number; text: string; detail?: string }
// cedar/testLocations: the tests of a tests file.
export interface TestLocation { name: string; range: Range }
export interface TestLocations { uri: string; tests: TestLocation[] }
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

// One test's result from cedar/runTests.
export interface TestResult {
  name: string;
  range?: Range;
  passed: boolean;
  expected?: string;
  actual?: string;
  reasons?: string[];
  errors?: (string | { message?: string; policy?: string; policyId?: string })[];
  message?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPos = (v: unknown): v is Position => isObj(v) && Number.isInteger(v.line) && Number.isInteger(v.character);
export const isRange = (v: unknown): v is Range => isObj(v) && isPos(v.start) && isPos(v.end);

export function parseShowAuthorizeResult(v: unknown): ShowAuthorizeResult | undefined {
  if (!isObj(v) || typeof v.uri !== 'string' || !Number.isInteger(v.line) || (v.line as number) < 0 || typeof v.text !== 'string') return undefined;
  return { uri: v.uri, line: v.line as number, text: v.text, detail: typeof v.detail === 'string' ? v.detail : undefined };
}

export function parseTestLocations(v: unknown): TestLocations | undefined {
  if (!isObj(v) || typeof v.uri !== 'string' || !Array.isArray(v.tests)) return undefined;
  const tests = v.tests.filter((t): t is TestLocation => isObj(t) && typeof t.name === 'string' && isRange(t.range));
  return { uri: v.uri, tests };
}

// parseTestResults accepts the result of cedar/runTests: a list of results,
// or an object holding it under "tests" or "results".
export function parseTestResults(v: unknown): TestResult[] {
  const items = Array.isArray(v) ? v : isObj(v) ? (Array.isArray(v.tests) ? v.tests : Array.isArray(v.results) ? v.results : []) : [];
  return items.filter((t): t is TestResult => isObj(t) && typeof t.name === 'string' && typeof t.passed === 'boolean');
}

// failureMessage says why a test failed, as the lens does.
export function failureMessage(t: TestResult): string {
  if (t.message) return t.message;
  const parts: string[] = [];
  if (t.expected !== undefined || t.actual !== undefined) parts.push(`expected ${t.expected ?? '?'}, got ${t.actual ?? '?'}`);
  if (t.reasons && t.reasons.length) parts.push(`reasons: ${t.reasons.join(', ')}`);
  for (const e of t.errors ?? []) {
    if (typeof e === 'string') parts.push(e);
    else if (e && e.message) parts.push(`${e.policyId ?? e.policy ? `${e.policyId ?? e.policy}: ` : ''}${e.message}`);
  }
  return parts.join('; ') || 'failed';
}

// AuthorizeResults keeps the latest end-of-line result per document line.
export class AuthorizeResults {
  private byUri = new Map<string, Map<number, ShowAuthorizeResult>>();

  add(r: ShowAuthorizeResult): void {
    let lines = this.byUri.get(r.uri);
    if (!lines) this.byUri.set(r.uri, (lines = new Map()));
    if (r.text === '') lines.delete(r.line);
    else lines.set(r.line, r);
  }

  clear(uri?: string): void {
    if (uri === undefined) this.byUri.clear();
    else this.byUri.delete(uri);
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  forUri(uri: string): ShowAuthorizeResult[] {
    return [...(this.byUri.get(uri)?.values() ?? [])].sort((a, b) => a.line - b.line);
  }
}
