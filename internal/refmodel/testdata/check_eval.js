// Checks testdata/eval.txt against official Cedar: for `EXPR => WANT`, the
// policy `permit when { (EXPR) == (WANT) }` must allow, and for `EXPR =>
// error` the policy `permit when { EXPR }` must fail to evaluate. Run with
// NODE_PATH pointing at a node_modules that holds @cedar-policy/cedar-wasm:
//   NODE_PATH=conformance/oracle/node_modules node engine/spec/testdata/check_eval.js
const fs = require("fs");
const path = require("path");
const cedar = require("@cedar-policy/cedar-wasm/nodejs");
const dir = __dirname;
const entities = JSON.parse(fs.readFileSync(path.join(dir, "entities.json"), "utf8"));
const request = JSON.parse(fs.readFileSync(path.join(dir, "request.json"), "utf8"));
let bad = 0, n = 0;
for (const line of fs.readFileSync(path.join(dir, "eval.txt"), "utf8").split("\n")) {
  if (line.trim() === "" || line.startsWith("#")) continue;
  const i = line.lastIndexOf(" => ");
  const expr = line.slice(0, i), want = line.slice(i + 4);
  const cond = want === "error" ? expr : `(${expr}) == (${want})`;
  const r = cedar.isAuthorized({ ...request, entities,
    policies: { staticPolicies: `permit(principal, action, resource) when { ${cond} };` } });
  n++;
  let got;
  if (r.type !== "success") got = "parse failure: " + r.errors.map((e) => e.message).join("; ");
  else if (r.response.diagnostics.errors.length > 0) got = "error";
  else got = r.response.decision;
  const ok = want === "error" ? got === "error" : got === "allow";
  if (!ok) { bad++; console.log(`MISMATCH ${line}\n  official: ${got}`); }
}
console.log(`${n} cases, ${bad} mismatches`);
process.exit(bad ? 1 : 0);
