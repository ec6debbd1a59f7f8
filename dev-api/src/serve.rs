//! Serving connections: HTTP/1.1, at most `max_connections` at once (past that a new one is
//! closed at once, and those already open go on), each given `read_timeout` to send a
//! request's head, idle keep-alive included. A client that opens connections and sends
//! nothing, or sends a byte a minute, cannot tie the server up.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// How much a client may hold of the server, and for how long.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Connections open at once.
    pub max_connections: usize,
    /// For a request's head (and between two requests of a connection), and for its body.
    pub read_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_connections: 512, read_timeout: Duration::from_secs(10) }
    }
}

/// The address a request's connection came from (a request extension).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub std::net::IpAddr);

/// Serves `app` on `listener` within `limits` until `shutdown` resolves.
pub async fn serve(listener: TcpListener, app: axum::Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let open = Arc::new(Semaphore::new(limits.max_connections));
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let (stream, from) = match accepted {
            Ok(accepted) => accepted,
            // Out of file descriptors, say: the connections open now finish first.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(turn) = open.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let client = ClientAddr(from.ip());
        let service = TowerToHyperService::new(tower::ServiceExt::map_request(
            app.clone(),
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(client);
                request
            },
        ));
        tokio::spawn(async move {
            let _turn = turn;
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.read_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
