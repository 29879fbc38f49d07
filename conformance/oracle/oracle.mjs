// Oracle: official Cedar (cedar-wasm, version pinned in package.json)
// answering one JSON request per stdin line with one JSON answer per stdout
// line, so Go tests can compare cedar-ls with the reference implementation.
//
// Request:  {"id": N, "op": "<cedar-wasm function>", "arg": <call object>}
//           or "args": [..] for functions taking several arguments
//           (e.g. preparsePolicySet(id, policies)), or neither for none.
//           op "isAuthorizedBatch" with arg {policies, entities, requests:
//           [{principal, action, resource, context}, ...]} answers many
//           requests against one policy set and entity set.
// Answer:   {"id": N, "ok": true, "result": <the function's return value>}
//           {"id": N, "ok": false, "error": "<why the call itself failed>"}
//
// Cedar-level failures (parse errors, ...) are ordinary results
// ({"type": "failure", ...}); "ok": false means the request was malformed or
// the wasm call threw. Bad input never ends the process.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const cedar = require("@cedar-policy/cedar-wasm/nodejs");

function isAuthorizedBatch(arg) {
  if (arg === null || typeof arg !== "object" || !Array.isArray(arg.requests)) {
    throw new Error("isAuthorizedBatch needs {policies, entities, requests: [...]}");
  }
  // Parse the policy set once; statefulIsAuthorized then reuses it. When it
  // does not parse, isAuthorized reports the parse failure per request
  // exactly as a plain call would.
  const pre = cedar.preparsePolicySet("batch", arg.policies ?? {});
  return arg.requests.map((r) => {
    const call = { ...r, entities: arg.entities ?? [] };
    if (pre.type === "success") {
      return cedar.statefulIsAuthorized({ ...call, preparsedPolicySetId: "batch" });
    }
    return cedar.isAuthorized({ ...call, policies: arg.policies ?? {} });
  });
}

const extraOps = { isAuthorizedBatch };

function answer(line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return { id: null, ok: false, error: `request is not JSON: ${e.message}` };
  }
  const id = req !== null && typeof req === "object" && "id" in req ? req.id : null;
  try {
    if (req === null || typeof req !== "object" || typeof req.op !== "string") {
      throw new Error('request needs a string "op"');
    }
    const fn = Object.hasOwn(extraOps, req.op) ? extraOps[req.op] : cedar[req.op];
    if (typeof fn !== "function" || req.op.startsWith("_") || req.op === "initSync") {
      throw new Error(`unknown op ${JSON.stringify(req.op)}`);
    }
    let args = [];
    if (Array.isArray(req.args)) args = req.args;
    else if ("arg" in req) args = [req.arg];
    return { id, ok: true, result: fn(...args) };
  } catch (e) {
    return { id, ok: false, error: String(e && e.message ? e.message : e) };
  }
}

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (line.trim() === "") return;
  let out;
  try {
    out = JSON.stringify(answer(line));
  } catch (e) {
    // A result that cannot be serialized (should not happen) still answers.
    out = JSON.stringify({ id: null, ok: false, error: `cannot encode answer: ${e}` });
  }
  process.stdout.write(out + "\n");
});
