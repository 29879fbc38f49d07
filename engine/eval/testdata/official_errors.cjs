// Regenerates official_errors.txt: the official error message of each
// expression in official_errors.exprs (one a line), evaluated as a policy
// condition against eval_test.go's testEnv. Needs `npm ci` in conformance/oracle.
// Run: node official_errors.cjs official_errors.exprs official_errors.txt
const c = require(require('path').join(__dirname, '../../../conformance/oracle/node_modules/@cedar-policy/cedar-wasm/nodejs/cedar_wasm.js'));
const fs = require('fs');
const entities = [
  {uid: {type: "User", id: "alice"},
   attrs: {age: 30, name: "Alice", manager: {__entity: {type: "User", id: "bob"}},
           addr: {city: "Paris", zip: {code: 75}}},
   parents: [{type: "Group", id: "eng"}], tags: {level: 3}},
  {uid: {type: "User", id: "bob"}, attrs: {}, parents: []},
  {uid: {type: "Group", id: "eng"}, attrs: {}, parents: [{type: "Group", id: "all"}]},
  {uid: {type: "Action", id: "view"}, attrs: {}, parents: [{type: "Action", id: "read"}]},
];
const context = {n: 5, flag: true, s: [1, 2], ip: {__extn: {fn: "ip", arg: "10.0.0.1"}}};
let out = '# Official Cedar 4.13 (cedar-wasm isAuthorized) error messages for\n# `permit(principal, action, resource) when { EXPR };` against testEnv.\n';
for (const expr of fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(l => l)) {
  const r = c.isAuthorized({
    principal: {type: 'User', id: 'alice'}, action: {type: 'Action', id: 'view'},
    resource: {type: 'Doc', id: 'd1'}, context,
    policies: {staticPolicies: `permit(principal, action, resource) when { ${expr} };`},
    entities,
  });
  if (r.type !== 'success') throw new Error(expr + ': ' + JSON.stringify(r.errors));
  const errs = r.response.diagnostics.errors;
  if (errs.length !== 1) throw new Error(expr + ': no error');
  out += `\n${expr}\n=> ${JSON.stringify(errs[0].error.message)}\n`;
}
fs.writeFileSync(process.argv[3], out);
