import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AuthorizeResults, failureMessage, parseShowAuthorizeResult, parseTestLocations, parseTestResults } from '../src/protocol';

const range = { start: { line: 1, character: 2 }, end: { line: 5, character: 3 } };

test('cedar/showAuthorizeResult: well-formed params are taken, malformed ones refused', () => {
  assert.deepEqual(parseShowAuthorizeResult({ uri: 'file:///a.cedar', line: 3, text: 'ALLOW', detail: 'permit `viewer`' }),
    { uri: 'file:///a.cedar', line: 3, text: 'ALLOW', detail: 'permit `viewer`' });
  assert.equal(parseShowAuthorizeResult({ uri: 'file:///a.cedar', line: -1, text: 'x' }), undefined);
  assert.equal(parseShowAuthorizeResult({ uri: 'file:///a.cedar', line: 1.5, text: 'x' }), undefined);
  assert.equal(parseShowAuthorizeResult({ line: 1, text: 'x' }), undefined);
  assert.equal(parseShowAuthorizeResult(null), undefined);
  assert.equal(parseShowAuthorizeResult([]), undefined);
});

test('AuthorizeResults keeps the latest result per line; empty text removes it', () => {
  const r = new AuthorizeResults();
  r.add({ uri: 'u1', line: 4, text: 'DENY' });
  r.add({ uri: 'u1', line: 1, text: 'ALLOW' });
  r.add({ uri: 'u1', line: 4, text: 'ALLOW — permit `viewer`' });
  r.add({ uri: 'u2', line: 0, text: 'DENY' });
  assert.deepEqual(r.forUri('u1').map((x) => [x.line, x.text]), [[1, 'ALLOW'], [4, 'ALLOW — permit `viewer`']]);
  r.add({ uri: 'u1', line: 1, text: '' });
  assert.deepEqual(r.forUri('u1').map((x) => x.line), [4]);
  r.clear('u1');
  assert.deepEqual(r.forUri('u1'), []);
  assert.deepEqual(r.uris(), ['u2']);
  r.clear();
  assert.deepEqual(r.uris(), []);
});

test('cedar/testLocations: tests without a name or range are dropped', () => {
  assert.deepEqual(parseTestLocations({ uri: 'file:///t.cedartests.json', tests: [{ name: 'a', range }, { name: 'b' }, { range }, 7] }),
    { uri: 'file:///t.cedartests.json', tests: [{ name: 'a', range }] });
  assert.equal(parseTestLocations({ uri: 'x' }), undefined);
});

test('cedar/runTests results: a list, or under "tests" or "results"', () => {
  const list = [{ name: 'a', passed: true }, { name: 'b', passed: false, expected: 'allow', actual: 'deny' }, { name: 'c' }];
  assert.equal(parseTestResults(list).length, 2);
  assert.equal(parseTestResults({ tests: list }).length, 2);
  assert.equal(parseTestResults({ results: list }).length, 2);
  assert.deepEqual(parseTestResults('nonsense'), []);
});

test('a failure message says what was expected, what came, and why', () => {
  assert.equal(failureMessage({ name: 'x', passed: false, expected: 'allow', actual: 'deny', reasons: ['juniors'] }),
    'expected allow, got deny; reasons: juniors');
  assert.equal(failureMessage({ name: 'x', passed: false, errors: ['boom', { policyId: 'p3', message: 'overflow' }] }), 'boom; p3: overflow');
  assert.equal(failureMessage({ name: 'x', passed: false, message: 'custom' }), 'custom');
  assert.equal(failureMessage({ name: 'x', passed: false }), 'failed');
});
