//! What a client may hold of the server: connections that send nothing, or a body that never
//! arrives, are closed after the read timeout; past the connection cap a new connection is
//! closed at once while the open ones go on.

#[allow(dead_code)]
mod openapi;
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use dev_api::config::Config;
use dev_api::serve::Limits;
use support::{fast_rules, start_with, Server};

fn server(limits: Limits) -> Server {
    start_with(Config { rules: fast_rules(), dist: "/nonexistent-dist".into(), limits, ..Config::default() })
}

fn connect(server: &Server) -> TcpStream {
    let stream = TcpStream::connect(server.base.trim_start_matches("http://")).unwrap();
    // Only so that a server that never closes fails the test instead of hanging it.
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    stream
}

/// Everything the server sends until it closes the connection.
fn until_closed(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => String::from_utf8_lossy(&answer).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => String::from_utf8_lossy(&answer).into_owned(),
        Err(e) => panic!("the server kept the connection open: {e}"),
    }
}

fn get(stream: &mut TcpStream) {
    stream.write_all(b"GET /__dev/outbox HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n").unwrap();
}

#[test]
fn a_client_that_sends_nothing_or_no_body_is_let_go() {
    let server = server(Limits { read_timeout: Duration::from_millis(300), ..Limits::default() });
    let started = Instant::now();
    let mut silent = connect(&server);
    assert_eq!(until_closed(&mut silent), "", "closed without an answer");
    assert!(started.elapsed() < Duration::from_secs(10), "within the read timeout, not the OS's");

    // Half a request head, then nothing.
    let mut half = connect(&server);
    half.write_all(b"GET /__dev/outbox HTTP/1.1\r\nhost: 127.").unwrap();
    assert_eq!(until_closed(&mut half), "");

    // A body announced and never sent.
    let mut bodiless = connect(&server);
    let csrf = "x";
    let head = format!(
        "POST /api/v1/identity/password HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 40\r\ncookie: ac_session=nobody; csrf_token={csrf}\r\nx-csrf-token: {csrf}\r\n\r\n{{\"password\""
    );
    bodiless.write_all(head.as_bytes()).unwrap();
    let answer = until_closed(&mut bodiless);
    assert!(answer.is_empty() || answer.starts_with("HTTP/1.1 4"), "{answer}");

    // A request sent in time is answered as always.
    let mut prompt = connect(&server);
    get(&mut prompt);
    assert!(until_closed(&mut prompt).starts_with("HTTP/1.1 200"));
}

#[test]
fn past_the_connection_cap_a_new_connection_is_closed_and_the_open_ones_go_on() {
    let server = server(Limits { max_connections: 3, read_timeout: Duration::from_secs(5) });
    let mut held: Vec<TcpStream> = (0..3).map(|_| connect(&server)).collect();
    // The server has taken all three once one of them is answered.
    get(&mut held[0]);
    assert!(until_closed(&mut held[0]).starts_with("HTTP/1.1 200"));
    held.remove(0);
    let mut third = connect(&server);
    let mut refused = connect(&server);
    get(&mut refused);
    assert_eq!(until_closed(&mut refused), "", "the fourth at once gets no answer");
    // The open ones still answer; once one goes, a new connection is served again.
    get(&mut third);
    assert!(until_closed(&mut third).starts_with("HTTP/1.1 200"));
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut again = connect(&server);
        get(&mut again);
        if until_closed(&mut again).starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(Instant::now() < deadline, "a connection is served again once others closed");
    }
}
