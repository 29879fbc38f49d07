//! Bench: official Cedar (the `cedar-policy` crate, natively) timed on the
//! inputs of conformance/bench, written by `go run ./cmd/bench-native`.
//!
//!     cedar-bench DIR
//!
//! DIR holds one directory per workload with policies.cedar, entities.json
//! and requests.json ([{principal, action, resource, context}, ...]). For
//! each workload it prints one JSON line: the decisions (true = allow, to be
//! checked against the Go engines' before trusting the times), the
//! per-request authorization time (mean, median and p95 in ns over many
//! rounds after a warm-up) and the policy-text parse time.
// Official Cedar with the allocator that serves it best here (the oracle's
// too), so its figures are not held back by the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request};
use serde_json::{json, Value};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Minimum measuring time per workload and phase.
const MEASURE: Duration = Duration::from_millis(1500);
const WARMUP: Duration = Duration::from_millis(300);

fn uid(v: &Value) -> Result<EntityUid, String> {
    EntityUid::from_json(v.clone()).map_err(|e| format!("entity uid {v}: {e}"))
}

fn load_requests(path: &Path) -> Result<Vec<Request>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let reqs: Vec<Value> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    reqs.iter()
        .map(|r| {
            let context = Context::from_json_value(r["context"].clone(), None).map_err(|e| format!("context: {e}"))?;
            Request::new(uid(&r["principal"])?, uid(&r["action"])?, uid(&r["resource"])?, context, None)
                .map_err(|e| format!("request: {e}"))
        })
        .collect()
}

/// Nanoseconds per call of f over samples until MEASURE has passed (after a
/// WARMUP), each sample the mean of a batch of calls lasting ~20 µs so the
/// clock's own cost stays small: returns (mean, median, p95) over the
/// samples. Median and p95 are per-request figures robust to the
/// preemption a shared machine adds to the mean.
fn time_per_call(mut f: impl FnMut(usize)) -> (f64, f64, f64) {
    let start = Instant::now();
    let mut i = 0;
    while start.elapsed() < WARMUP || i < 3 {
        f(i);
        i += 1;
    }
    let per_call = start.elapsed().as_nanos() as usize / i;
    let calls_per_sample = (20_000 / per_call.max(1)).max(1);
    let mut samples = Vec::new();
    let (mut total, mut calls) = (Duration::ZERO, 0usize);
    let start = Instant::now();
    while start.elapsed() < MEASURE || samples.len() < 5 {
        let t = Instant::now();
        for _ in 0..calls_per_sample {
            f(i);
            i += 1;
        }
        let took = t.elapsed();
        total += took;
        calls += calls_per_sample;
        samples.push(took.as_nanos() as f64 / calls_per_sample as f64);
    }
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (total.as_nanos() as f64 / calls as f64, at(0.5), at(0.95))
}

fn run(dir: &Path) -> Result<Value, String> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()));
    let policies_text = read("policies.cedar")?;
    let policies: PolicySet = policies_text.parse().map_err(|e| format!("policies: {e}"))?;
    let entities = Entities::from_json_str(&read("entities.json")?, None).map_err(|e| format!("entities: {e}"))?;
    let requests = load_requests(&dir.join("requests.json"))?;
    let authorizer = Authorizer::new();
    let decisions: Vec<bool> = requests
        .iter()
        .map(|r| authorizer.is_authorized(r, &policies, &entities).decision() == Decision::Allow)
        .collect();
    let n = requests.len();
    let (authz_mean, authz_median, authz_p95) = time_per_call(|i| {
        black_box(authorizer.is_authorized(&requests[i % n], &policies, &entities));
    });
    let (parse_mean, parse_median, _) = time_per_call(|_| {
        black_box(policies_text.parse::<PolicySet>().unwrap());
    });
    Ok(json!({
        "name": dir.file_name().map(|s| s.to_string_lossy().to_string()),
        "decisions": decisions,
        "authz_ns_mean": authz_mean, "authz_ns_median": authz_median, "authz_ns_p95": authz_p95,
        "parse_ns_mean": parse_mean, "parse_ns_median": parse_median,
        "parse_mb_per_s": policies_text.len() as f64 / parse_median * 1e3,
    }))
}

fn main() {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: cedar-bench DIR (one directory per workload)");
        std::process::exit(2);
    };
    let mut dirs: Vec<_> = match std::fs::read_dir(&root) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect(),
        Err(e) => {
            eprintln!("cedar-bench: {root}: {e}");
            std::process::exit(1);
        }
    };
    dirs.sort();
    let mut failed = false;
    for dir in dirs {
        match run(&dir) {
            Ok(v) => println!("{v}"),
            Err(e) => {
                eprintln!("cedar-bench: {}: {e}", dir.display());
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}
