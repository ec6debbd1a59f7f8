//! dev-api keeps serving, and keeps every code, when its stdout is closed: the terminal's copy
//! of a message is the only thing lost.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A port free a moment ago (the system's choice), not one derived from the process id,
/// which another process may hold.
fn port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

#[test]
fn a_closed_stdout_loses_no_request_and_no_code() {
    let port = port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_dev-api"))
        .args(["--port", &port.to_string(), "--resend-cooldown", "0s"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dev-api starts");
    // The reading end goes away at once: every write to stdout now fails.
    drop(server.stdout.take());
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while ureq::get(&format!("{base}/__dev/outbox")).call().is_err() {
        assert!(server.try_wait().unwrap().is_none(), "dev-api exited");
        assert!(started.elapsed() < Duration::from_secs(20), "dev-api never answered");
        std::thread::sleep(Duration::from_millis(50));
    }
    let login =
        ureq::post(&format!("{base}/__dev/login")).send_json(serde_json::json!({ "preset": "default" })).unwrap();
    let cookies: Vec<String> =
        login.all("set-cookie").iter().map(|c| c.split(';').next().unwrap().to_string()).collect();
    let csrf = cookies.iter().find_map(|c| c.strip_prefix("csrf_token=")).unwrap().to_string();
    let mut body = String::new();
    login.into_reader().read_to_string(&mut body).unwrap();
    let addresses: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mobile = addresses["recovery_mobile"].as_str().unwrap();
    for _ in 0..3 {
        let sent = ureq::post(&format!("{base}/api/v1/identity/challenges"))
            .set("cookie", &cookies.join("; "))
            .set("x-csrf-token", &csrf)
            .send_json(serde_json::json!({ "method": "sms" }))
            .expect("the code is sent although it cannot be printed");
        assert_eq!(sent.status(), 201);
    }
    let outbox: serde_json::Value =
        ureq::get(&format!("{base}/__dev/outbox")).query("to", mobile).call().unwrap().into_json().unwrap();
    assert_eq!(outbox.as_array().unwrap().len(), 3, "every code is in the outbox");
    server.kill().unwrap();
    server.wait().unwrap();
}
