//! The fast path for the calls the DRT makes by the thousand
//! (isAuthorizedBatch, isAuthorized with a schema, validate): the request
//! line is sliced once (raw.rs), each part is read straight into the type
//! official Cedar's ffi module reads it into, parses of schemas, policy sets
//! and entity sets are cached by their text, and the answer is written
//! without going through serde_json::Value.
//!
//! The answers are the ones the ffi functions give, built from the same
//! cedar_policy calls (Authorizer::is_authorized, Validator::validate) and
//! the same conversions to ffi answer types. Whenever an input is anything
//! but plain (a part that does not parse, a parse with warnings, a field
//! the fast path does not know), it returns None and the general path
//! (main.rs, the ffi functions on serde_json::Value) answers, so failures
//! and warnings are always reported by official Cedar's own code.
use crate::raw;
use crate::BatchRequest;
use cedar_policy::ffi;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

/// Parsed schemas, policy sets and entity sets by their JSON text (a
/// stream of calls repeats them: a DRT case asks many requests of one
/// policy set, entity set and schema). Only parses that succeed without
/// warnings are kept (None remembers a parse that did not).
#[derive(Default)]
pub struct Cache {
    schemas: HashMap<String, Option<Rc<cedar_policy::Schema>>>,
    policies: HashMap<String, Option<Rc<cedar_policy::PolicySet>>>,
    /// Keyed by (schema text, entities text): entities read with a schema
    /// differ from those read without.
    entities: HashMap<(String, String), Option<Rc<cedar_policy::Entities>>>,
}

/// Entries kept per map before it starts over (bounds memory on long runs).
const CACHE_ENTRIES: usize = 64;

fn cached<K: std::hash::Hash + Eq, V>(m: &mut HashMap<K, Option<Rc<V>>>, k: K, make: impl FnOnce() -> Option<V>) -> Option<Rc<V>> {
    if let Some(v) = m.get(&k) {
        return v.clone();
    }
    if m.len() >= CACHE_ENTRIES {
        m.clear();
    }
    let v = make().map(Rc::new);
    m.insert(k, v.clone());
    v
}

impl Cache {
    /// A Cedar-text schema, parsed without warnings.
    fn schema(&mut self, text: &str) -> Option<Rc<cedar_policy::Schema>> {
        cached(&mut self.schemas, text.to_string(), || {
            let (frag, warnings) = cedar_policy::SchemaFragment::from_cedarschema_str(text).ok()?;
            if warnings.count() > 0 {
                return None;
            }
            cedar_policy::Schema::from_schema_fragments([frag]).ok()
        })
    }

    /// A policy set in ffi's JSON form ({staticPolicies, templates,
    /// templateLinks}), parsed as ffi does.
    fn policies(&mut self, json: &str) -> Option<Rc<cedar_policy::PolicySet>> {
        cached(&mut self.policies, json.to_string(), || read::<ffi::PolicySet>(json)?.parse().ok())
    }

    /// An entities JSON array, parsed as ffi does (with the schema when
    /// there is one).
    fn entities(&mut self, schema: Option<(&str, &cedar_policy::Schema)>, json: &str) -> Option<Rc<cedar_policy::Entities>> {
        let key = (schema.map_or("", |s| s.0).to_string(), json.to_string());
        cached(&mut self.entities, key, || read::<ffi::Entities>(json)?.parse(schema.map(|s| s.1)).ok())
    }
}

fn read<T: DeserializeOwned>(json: &str) -> Option<T> {
    serde_json::from_str(json).ok()
}

/// The fields of object `json`, when they are all among `known`.
fn fields<'a>(json: &'a str, known: &[&str]) -> Option<HashMap<&'a str, &'a str>> {
    let members = raw::object(json)?;
    if members.iter().any(|(k, _)| !known.contains(k)) {
        return None;
    }
    Some(members.into_iter().collect())
}

/// Answers the request line when the fast path can: writes
/// {"id", "ok": true, "result"} and a newline to out and returns true.
pub fn answer(cache: &mut Cache, line: &str, out: &mut Vec<u8>) -> bool {
    let Some(head) = fields(line, &["id", "op", "arg"]) else { return false };
    let (Some(id), Some(op), Some(arg)) = (head.get("id"), head.get("op"), head.get("arg")) else { return false };
    // The id is echoed as written, so it must be JSON.
    if read::<serde_json::Value>(id).is_none() {
        return false;
    }
    let start = out.len();
    let _ = write!(out, "{{\"id\":{id},\"ok\":true,\"result\":");
    let done = match *op {
        "\"isAuthorizedBatch\"" => is_authorized_batch(cache, arg).map(|a| write_json(out, &a)),
        "\"isAuthorized\"" => is_authorized(cache, arg).map(|a| write_json(out, &a)),
        "\"validate\"" => validate(cache, arg).map(|a| write_json(out, &a)),
        _ => None,
    };
    if done != Some(true) {
        out.truncate(start);
        return false;
    }
    out.extend_from_slice(b"}\n");
    true
}

fn write_json<T: Serialize>(out: &mut Vec<u8>, t: &T) -> bool {
    serde_json::to_writer(&mut *out, t).is_ok()
}

/// isAuthorizedBatch: every request against the policy set and entity set
/// parsed once, or None when any part does not parse (the general path
/// then reports each request as ffi does).
fn is_authorized_batch(cache: &mut Cache, arg: &str) -> Option<Vec<ffi::AuthorizationAnswer>> {
    let call = fields(arg, &["policies", "entities", "requests"])?;
    let policies = cache.policies(call.get("policies")?)?;
    let entities = cache.entities(None, call.get("entities")?)?;
    let authorizer = cedar_policy::Authorizer::new();
    raw::array(call.get("requests")?)?
        .into_iter()
        .map(|r| {
            let br: BatchRequest = read(r)?;
            let principal = br.principal.parse(Some("principal")).ok()?;
            let action = br.action.parse(Some("action")).ok()?;
            let resource = br.resource.parse(Some("resource")).ok()?;
            let context = br.context.parse(None, Some(&action)).ok()?;
            let request = cedar_policy::Request::new(principal, action, resource, context, None).ok()?;
            let response = authorizer.is_authorized(&request, &policies, &entities);
            Some(ffi::AuthorizationAnswer::Success { response: response.into(), warnings: vec![] })
        })
        .collect()
}

/// isAuthorized as ffi::is_authorized answers it when every part parses
/// without warnings (a Cedar-text schema or none).
fn is_authorized(cache: &mut Cache, arg: &str) -> Option<ffi::AuthorizationAnswer> {
    let call = fields(
        arg,
        &["principal", "action", "resource", "context", "schema", "validateRequest", "policies", "entities"],
    )?;
    let schema_text: Option<String> = match call.get("schema") {
        None => None,
        Some(s) => read::<Option<String>>(s)?, // a JSON schema (an object) takes the general path
    };
    let validate_request = match call.get("validateRequest") {
        None => true,
        Some(v) => read::<bool>(v)?,
    };
    let schema = match &schema_text {
        None => None,
        Some(text) => Some(cache.schema(text)?),
    };
    let policies = cache.policies(call.get("policies")?)?;
    let with_schema = schema_text.as_deref().zip(schema.as_deref());
    let entities = cache.entities(with_schema, call.get("entities")?)?;
    let part = |name: &str| read::<ffi::EntityUid>(call.get(name)?)?.parse(Some(name)).ok();
    let (principal, action, resource) = (part("principal")?, part("action")?, part("resource")?);
    let context = read::<ffi::Context>(call.get("context")?)?.parse(schema.as_deref(), Some(&action)).ok()?;
    let request_schema = if validate_request { schema.as_deref() } else { None };
    let request = cedar_policy::Request::new(principal, action, resource, context, request_schema).ok()?;
    let response = cedar_policy::Authorizer::new().is_authorized(&request, &policies, &entities);
    Some(ffi::AuthorizationAnswer::Success { response: response.into(), warnings: vec![] })
}

/// validate as ffi::validate answers it for a Cedar-text schema that
/// parses without warnings, policies that parse, and the default settings
/// (strict mode).
fn validate(cache: &mut Cache, arg: &str) -> Option<ffi::ValidationAnswer> {
    let call = fields(arg, &["schema", "policies"])?;
    let schema = cache.schema(&read::<String>(call.get("schema")?)?)?;
    let policies = read::<ffi::PolicySet>(call.get("policies")?)?.parse().ok()?;
    let validator = cedar_policy::Validator::new((*schema).clone());
    let result = validator.validate(&policies, cedar_policy::ValidationMode::default());
    Some(ffi::ValidationAnswer::Success {
        validation_errors: result
            .validation_errors()
            .map(|e| ffi::ValidationError { policy_id: e.policy_id().clone(), error: miette::Report::new(e.clone()).into() })
            .collect(),
        validation_warnings: result
            .validation_warnings()
            .map(|w| ffi::ValidationError { policy_id: w.policy_id().clone(), error: miette::Report::new(w.clone()).into() })
            .collect(),
        other_warnings: vec![],
    })
}
