//! How long another account's `GET /account` takes while wrong passwords are posted: the
//! store's lock must never wait behind Argon2. Eight loops each sign in and post wrong
//! passwords (four a session, before a pause would answer without hashing) while one
//! account reads its page, one request after another, for two seconds. Prints the medians
//! of several runs.
//!
//! `make bench-lock` (release build): `cargo run --release -p dev-api --example lock_bench`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use dev_api::config::Config;

const LOOPS: usize = 8;
/// How long one run reads, one request after another.
const READ_FOR: Duration = Duration::from_secs(2);
const RUNS: usize = 5;

fn start() -> String {
    let config = Config { print_messages: false, dist: "/nonexistent-dist".into(), ..Config::default() };
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            sender.send(listener.local_addr().unwrap()).unwrap();
            let limits = config.limits;
            dev_api::serve::serve(listener, dev_api::app(config), limits, std::future::pending()).await;
        });
    });
    format!("http://{}", receiver.recv().unwrap())
}

/// A fresh account's session: its cookie header and CSRF token.
fn sign_in(base: &str) -> (String, String) {
    let response = ureq::post(&format!("{base}/__dev/login")).send_json(serde_json::json!({})).unwrap();
    let cookies: Vec<String> =
        response.all("set-cookie").iter().map(|c| c.split(';').next().unwrap_or_default().to_string()).collect();
    let csrf = cookies.iter().find_map(|c| c.strip_prefix("csrf_token=")).unwrap_or_default().to_string();
    (cookies.join("; "), csrf)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One run: the reads' median and 95th percentile, in milliseconds, with `loops` posting, and
/// how many wrong passwords were answered meanwhile.
fn run(base: &str, loops: usize) -> (f64, f64, usize) {
    let stop = Arc::new(AtomicBool::new(false));
    let posted = Arc::new(AtomicUsize::new(0));
    let posters: Vec<_> = (0..loops)
        .map(|_| {
            let (base, stop, posted) = (base.to_string(), stop.clone(), posted.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let (cookie, csrf) = sign_in(&base);
                    for _ in 0..4 {
                        let _ = ureq::post(&format!("{base}/api/v1/identity/password"))
                            .set("cookie", &cookie)
                            .set("x-csrf-token", &csrf)
                            .send_json(serde_json::json!({ "password": "wrong" }));
                        posted.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let (cookie, _) = sign_in(base);
    let reading = Instant::now();
    let mut times: Vec<f64> = Vec::new();
    while reading.elapsed() < READ_FOR {
        let started = Instant::now();
        ureq::get(&format!("{base}/api/v1/account")).set("cookie", &cookie).call().unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    stop.store(true, Ordering::Relaxed);
    for poster in posters {
        let _ = poster.join();
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], times[times.len() * 95 / 100], posted.load(Ordering::Relaxed))
}

fn main() {
    let base = start();
    for loops in [0, LOOPS] {
        let runs: Vec<(f64, f64, usize)> = (0..RUNS).map(|_| run(&base, loops)).collect();
        let p50 = median(runs.iter().map(|r| r.0).collect());
        let p95 = median(runs.iter().map(|r| r.1).collect());
        let posted: usize = runs.iter().map(|r| r.2).sum();
        println!(
            "GET /account of another account, {loops} loops posting wrong passwords ({posted} answered): median {p50:.2} ms, 95th percentile {p95:.2} ms (medians of {RUNS} runs reading for {READ_FOR:?})"
        );
    }
}
