//! Oracle: official Cedar (the `cedar-policy` crate, natively) answering one
//! JSON request per stdin line with one JSON answer per stdout line. It
//! speaks the protocol of ../oracle/oracle.mjs (the cedar-wasm oracle), with
//! the same op names and argument/answer shapes, because cedar-wasm's
//! functions are thin wrappers around the crate's `ffi` module, which this
//! calls directly.
//!
//! Request: {"id": N, "op": "<cedar-wasm function>", "arg": <call object>}
//!          or "args": [..] for several arguments, or neither for none.
//!          op "isAuthorizedBatch" with arg {policies, entities, requests}
//!          answers many requests against one policy set and entity set.
//! Answer:  {"id": N, "ok": true, "result": <the function's answer>}
//!          {"id": N, "ok": false, "error": "<why the call itself failed>"}
//!
//! Cedar-level failures are ordinary results ({"type": "failure", ...});
//! "ok": false means the request was malformed. Bad input never ends the
//! process.
//!
//! The calls the DRT makes by the thousand take a fast path (fast.rs) that
//! caches parses and skips serde_json::Value; everything else, and every
//! input the fast path does not take as plain, is answered here by the
//! ffi functions themselves.
mod fast;
mod raw;

// Official Cedar's JSON readers allocate heavily; with mimalloc the
// oracle needs about a quarter less CPU than with the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use cedar_policy::ffi;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::io::{self, BufRead, Write};

type OpResult = Result<Value, String>;

fn arg<T: DeserializeOwned>(args: &[Value], i: usize, op: &str) -> Result<T, String> {
    let v = args.get(i).cloned().unwrap_or(Value::Null);
    serde_json::from_value(v).map_err(|e| format!("{op}: bad argument {}: {e}", i + 1))
}

fn to_value<T: Serialize>(t: T) -> OpResult {
    serde_json::to_value(t).map_err(|e| format!("cannot encode answer: {e}"))
}

/// One request of an isAuthorizedBatch call, in the shape of
/// statefulIsAuthorized's call without its policy set and entities.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BatchRequest {
    principal: ffi::EntityUid,
    action: ffi::EntityUid,
    resource: ffi::EntityUid,
    context: ffi::Context,
}

/// isAuthorizedBatch answers as oracle.mjs does (statefulIsAuthorized per
/// request against the policy set parsed once, or isAuthorized per request
/// when it does not parse), but natively parses the entities once too. Any
/// request the fast path cannot take as is (an entity set, UID or context
/// that does not parse, a request it cannot build) goes through the plain
/// ffi call, so failures are reported exactly as a single call reports them.
fn is_authorized_batch(args: &[Value]) -> OpResult {
    let Some(Value::Object(call)) = args.first() else {
        return Err("isAuthorizedBatch needs {policies, entities, requests: [...]}".into());
    };
    let Some(Value::Array(requests)) = call.get("requests") else {
        return Err("isAuthorizedBatch needs {policies, entities, requests: [...]}".into());
    };
    let policies = call.get("policies").cloned().unwrap_or_else(|| json!({}));
    let entities = call.get("entities").cloned().unwrap_or_else(|| json!([]));
    let pset: ffi::PolicySet = serde_json::from_value(policies.clone())
        .map_err(|e| format!("isAuthorizedBatch: bad policies: {e}"))?;
    let parsed_policies = pset.clone().parse().ok();
    // The preparsed set for requests that take the plain path, made when
    // the first one does.
    let mut preparsed: Option<bool> = None;
    let mut pset = Some(pset);
    let parsed_entities = serde_json::from_value::<ffi::Entities>(entities.clone())
        .ok()
        .and_then(|e| e.parse(None).ok());
    let authorizer = cedar_policy::Authorizer::new();
    let mut answers = Vec::with_capacity(requests.len());
    for r in requests {
        if let (Some(ps), Some(es)) = (&parsed_policies, &parsed_entities) {
            if let Some(request) = fast_request(r) {
                let response = authorizer.is_authorized(&request, ps, es);
                answers.push(to_value(ffi::AuthorizationAnswer::Success {
                    response: response.into(),
                    warnings: vec![],
                })?);
                continue;
            }
        }
        let mut call: Map<String, Value> = match r {
            Value::Object(m) => m.clone(),
            _ => return Err("isAuthorizedBatch: each request must be an object".into()),
        };
        call.insert("entities".into(), entities.clone());
        let ready = *preparsed.get_or_insert_with(|| {
            parsed_policies.is_some()
                && matches!(
                    ffi::preparse_policy_set("batch".into(), pset.take().expect("preparsed once")),
                    ffi::CheckParseAnswer::Success
                )
        });
        let ans = if ready {
            call.insert("preparsedPolicySetId".into(), json!("batch"));
            let c: ffi::StatefulAuthorizationCall = serde_json::from_value(Value::Object(call))
                .map_err(|e| format!("isAuthorizedBatch: bad request: {e}"))?;
            ffi::stateful_is_authorized(c)
        } else {
            call.insert("policies".into(), policies.clone());
            let c: ffi::AuthorizationCall = serde_json::from_value(Value::Object(call))
                .map_err(|e| format!("isAuthorizedBatch: bad request: {e}"))?;
            ffi::is_authorized(c)
        };
        answers.push(to_value(ans)?);
    }
    Ok(Value::Array(answers))
}

/// The request r when every part of it parses (None sends it the slow way).
fn fast_request(r: &Value) -> Option<cedar_policy::Request> {
    let br: BatchRequest = serde_json::from_value(r.clone()).ok()?;
    let principal = br.principal.parse(Some("principal")).ok()?;
    let action = br.action.parse(Some("action")).ok()?;
    let resource = br.resource.parse(Some("resource")).ok()?;
    let context = br.context.parse(None, Some(&action)).ok()?;
    cedar_policy::Request::new(principal, action, resource, context, None).ok()
}

fn dispatch(op: &str, args: &[Value]) -> OpResult {
    match op {
        "isAuthorized" => to_value(ffi::is_authorized(arg(args, 0, op)?)),
        "isAuthorizedBatch" => is_authorized_batch(args),
        "preparsePolicySet" => to_value(ffi::preparse_policy_set(arg(args, 0, op)?, arg(args, 1, op)?)),
        "preparseSchema" => to_value(ffi::preparse_schema(arg(args, 0, op)?, arg(args, 1, op)?)),
        "statefulIsAuthorized" => to_value(ffi::stateful_is_authorized(arg(args, 0, op)?)),
        "validate" => to_value(ffi::validate(arg(args, 0, op)?)),
        "formatPolicies" => to_value(ffi::format(arg(args, 0, op)?)),
        "checkParsePolicySet" => to_value(ffi::check_parse_policy_set(arg(args, 0, op)?)),
        "checkParseSchema" => to_value(ffi::check_parse_schema(arg(args, 0, op)?)),
        "checkParseEntities" => to_value(ffi::check_parse_entities(arg(args, 0, op)?)),
        "checkParseContext" => to_value(ffi::check_parse_context(arg(args, 0, op)?)),
        "policyToText" => to_value(ffi::policy_to_text(arg(args, 0, op)?)),
        "templateToText" => to_value(ffi::template_to_text(arg(args, 0, op)?)),
        "policyToJson" => to_value(ffi::policy_to_json(arg(args, 0, op)?)),
        "templateToJson" => to_value(ffi::template_to_json(arg(args, 0, op)?)),
        "schemaToText" => to_value(ffi::schema_to_text(arg(args, 0, op)?)),
        "schemaToJson" => to_value(ffi::schema_to_json(arg(args, 0, op)?)),
        "policySetTextToParts" => {
            let s: String = arg(args, 0, op)?;
            to_value(ffi::policy_set_text_to_parts(&s))
        }
        "schemaToJsonWithResolvedTypes" => {
            let s: String = arg(args, 0, op)?;
            to_value(ffi::schema_to_json_with_resolved_types(&s))
        }
        "getCedarVersion" | "getCedarSDKVersion" => to_value(ffi::get_sdk_version()),
        "getCedarLangVersion" => to_value(ffi::get_lang_version()),
        _ => Err(format!("unknown op {}", Value::String(op.into()))),
    }
}

/// Time spent per op, reported at exit when CEDAR_ORACLE_STATS names a
/// file (appended to), to see where an oracle's time goes.
#[derive(Default)]
struct OpStats(std::collections::BTreeMap<String, (u64, std::time::Duration)>);

impl OpStats {
    fn record(&mut self, op: &str, took: std::time::Duration) {
        let e = self.0.entry(op.to_string()).or_default();
        e.0 += 1;
        e.1 += took;
    }

    fn report(&self, path: &str) {
        let mut text = String::new();
        for (op, (n, took)) in &self.0 {
            text += &format!("{op}\t{n}\t{:.3}s\t{:.1}µs/call\n", took.as_secs_f64(), took.as_secs_f64() * 1e6 / *n as f64);
        }
        let file = std::fs::OpenOptions::new().create(true).append(true).open(path);
        if let Ok(mut f) = file {
            let _ = f.write_all(text.as_bytes());
        }
    }
}

fn op_name(line: &str) -> String {
    serde_json::from_str::<Value>(line)
        .ok()
        .and_then(|v| v.get("op").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default()
}

fn answer(line: &str) -> Value {
    let req: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"id": null, "ok": false, "error": format!("request is not JSON: {e}")}),
    };
    let id = req.get("id").cloned().unwrap_or(Value::Null);
    let Some(op) = req.get("op").and_then(Value::as_str) else {
        return json!({"id": id, "ok": false, "error": "request needs a string \"op\""});
    };
    let args: Vec<Value> = match (req.get("args"), req.get("arg")) {
        (Some(Value::Array(a)), _) => a.clone(),
        (_, Some(a)) => vec![a.clone()],
        _ => vec![],
    };
    // A panic inside Cedar (should not happen) answers as a failed call
    // rather than ending the process.
    match std::panic::catch_unwind(|| dispatch(op, &args)) {
        Ok(Ok(result)) => json!({"id": id, "ok": true, "result": result}),
        Ok(Err(error)) => json!({"id": id, "ok": false, "error": error}),
        Err(_) => json!({"id": id, "ok": false, "error": format!("{op} panicked")}),
    }
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let mut input = io::stdin().lock();
    let mut out = io::stdout().lock();
    let stats_path = std::env::var("CEDAR_ORACLE_STATS").ok();
    let mut stats = OpStats::default();
    let mut cache = fast::Cache::default();
    let mut line = String::new();
    let mut text = Vec::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        if line.trim().is_empty() {
            continue;
        }
        let started = std::time::Instant::now();
        text.clear();
        let fast = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fast::answer(&mut cache, line.trim_end(), &mut text)));
        if !matches!(fast, Ok(true)) {
            // A panic in the fast path leaves the cache as it was (entries
            // are inserted whole); the general path answers.
            text.clear();
            let ans = answer(&line);
            let s = serde_json::to_string(&ans).unwrap_or_else(|e| {
                json!({"id": null, "ok": false, "error": format!("cannot encode answer: {e}")}).to_string()
            });
            text.extend_from_slice(s.as_bytes());
            text.push(b'\n');
        }
        if stats_path.is_some() {
            stats.record(&op_name(&line), started.elapsed());
        }
        if out.write_all(&text).and_then(|_| out.flush()).is_err() {
            break;
        }
    }
    if let Some(path) = stats_path {
        stats.report(&path);
    }
}
