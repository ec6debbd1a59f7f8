//! The notice calls: no session, JSON, never from another site, and limited per client
//! (`Peer`, the address the connection came from) and per notice. What a reader of a notice
//! may do with its link or with a code to its address; nothing here signs in or earns a
//! ticket.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use contract::ProblemCode;
use serde::Deserialize;

use crate::extract::{ApiResult, CodeBody, JsonBody};
use crate::problem::Problem;
use crate::serve::ClientAddr;
use crate::store::{Peer, Proof};
use crate::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenBody {
    token: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AddressBody {
    address: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionBody {
    action: String,
    token: Option<String>,
    grant: Option<String>,
    challenge_id: Option<String>,
    code: Option<String>,
}

/// Where the request came from; a request that did not come over a connection of ours (a
/// test calling the router) counts as one client.
fn peer(request_peer: Option<axum::Extension<ClientAddr>>) -> Peer {
    Peer(request_peer.map_or_else(|| "local".to_string(), |axum::Extension(ClientAddr(ip))| ip.to_string()))
}

async fn lookup(
    State(s): State<AppState>,
    client: Option<axum::Extension<ClientAddr>>,
    JsonBody(body): JsonBody<TokenBody>,
) -> ApiResult {
    Ok(Json(s.store().lookup_notice(&peer(client), &body.token)?).into_response())
}

async fn address_challenge(
    State(s): State<AppState>,
    client: Option<axum::Extension<ClientAddr>>,
    JsonBody(body): JsonBody<AddressBody>,
) -> ApiResult {
    let challenge = s.store().start_address_challenge(&peer(client), &body.address)?;
    Ok((StatusCode::ACCEPTED, Json(challenge)).into_response())
}

async fn verify_address(
    State(s): State<AppState>,
    Path(id): Path<String>,
    client: Option<axum::Extension<ClientAddr>>,
    JsonBody(body): JsonBody<CodeBody>,
) -> ApiResult {
    Ok(Json(s.store().verify_address_challenge(&peer(client), &id, &body.code)?).into_response())
}

async fn notice_challenge(
    State(s): State<AppState>,
    Path(notice_id): Path<String>,
    client: Option<axum::Extension<ClientAddr>>,
    JsonBody(body): JsonBody<TokenBody>,
) -> ApiResult {
    let challenge = s.store().start_notice_challenge(&peer(client), &notice_id, &body.token)?;
    Ok((StatusCode::CREATED, Json(challenge)).into_response())
}

async fn act(
    State(s): State<AppState>,
    Path(notice_id): Path<String>,
    client: Option<axum::Extension<ClientAddr>>,
    JsonBody(body): JsonBody<ActionBody>,
) -> ApiResult {
    let proof = Proof {
        token: body.token.as_deref(),
        grant: body.grant.as_deref(),
        challenge_id: body.challenge_id.as_deref(),
        code: body.code.as_deref(),
    };
    Ok(Json(s.store().act_on_notice(&peer(client), &notice_id, &body.action, proof)?).into_response())
}

/// A page of another site may not call these: `Sec-Fetch-Site: cross-site` is refused.
async fn not_cross_site(request: Request, next: Next) -> Response {
    let from = request.headers().get("sec-fetch-site").map(|v| v.as_bytes());
    if from == Some(b"cross-site") {
        return Problem::new(
            StatusCode::FORBIDDEN,
            ProblemCode::CrossSiteRequest,
            "Notices are acted on from their own page only.",
        )
        .into_response();
    }
    next.run(request).await
}

/// The notice routes, added to the API's.
pub(crate) fn routes(router: Router<AppState>) -> Router<AppState> {
    let notices = Router::new()
        .route("/notices/lookup", post(lookup))
        .route("/notices/address-challenges", post(address_challenge))
        .route("/notices/address-challenges/{id}/verify", post(verify_address))
        .route("/notices/{notice_id}/challenges", post(notice_challenge))
        .route("/notices/{notice_id}/actions", post(act))
        .layer(middleware::from_fn(not_cross_site));
    router.merge(notices)
}
