//! The HTTP side: `POST /line/webhook` (signature checked on the raw body before anything
//! is parsed; events recorded before 200) and `GET /files/<token>`.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::{App, events, store};

/// LINE sends small JSON bodies; anything larger is refused (413) before it is read whole.
const MAX_BODY: usize = 1024 * 1024;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/line/webhook", post(receive))
        .route("/files/{token}", get(file))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(app)
}

pub mod signature {
    use base64::Engine;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    fn mac(secret: &[u8], body: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
        mac.update(body);
        mac
    }

    /// `X-Line-Signature` of `body`: HMAC-SHA256 with the channel secret, base64.
    pub fn sign(secret: &[u8], body: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(mac(secret, body).finalize().into_bytes())
    }

    /// Whether `signature` is `body`'s, compared in constant time.
    pub fn verify(secret: &[u8], body: &[u8], signature: &str) -> bool {
        match base64::engine::general_purpose::STANDARD.decode(signature.trim()) {
            Ok(claimed) => mac(secret, body).verify_slice(&claimed).is_ok(),
            Err(_) => false,
        }
    }
}

async fn receive(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let claimed = headers
        .get("x-line-signature")
        .and_then(|v| v.to_str().ok());
    let Some(claimed) = claimed else {
        log::warn!("LINE webhook refused: no X-Line-Signature");
        return StatusCode::UNAUTHORIZED;
    };
    if !signature::verify(&app.channel_secret, &body, claimed) {
        log::warn!("LINE webhook refused: the signature does not match the channel secret");
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(parsed) = serde_json::from_slice::<events::WebhookBody>(&body) else {
        log::warn!("LINE webhook refused: the body is not a webhook event list");
        return StatusCode::BAD_REQUEST;
    };
    let mut accepted = Vec::with_capacity(parsed.events.len());
    for event in parsed.events {
        match event.get("webhookEventId").and_then(|v| v.as_str()) {
            Some(id) => accepted.push((
                id.to_string(),
                app.sealer.seal(event.to_string().as_bytes()),
            )),
            None => log::warn!("a LINE event without webhookEventId was skipped"),
        }
    }
    // The console's "Verify" button sends no events.
    if accepted.is_empty() {
        return StatusCode::OK;
    }
    let now = app.core.now();
    let recorded = app
        .on_store(move |conn| {
            let mut fresh = 0;
            for (id, sealed) in &accepted {
                if store::accept(conn, id, sealed, now)? {
                    fresh += 1;
                }
            }
            Ok(fresh)
        })
        .await;
    match recorded {
        Ok(fresh) => {
            if fresh > 0 {
                app.inbox.notify_one();
            }
            StatusCode::OK
        }
        // Not recorded: LINE's redelivery brings the events again.
        Err(e) => {
            log::error!("cannot record LINE events: {e}");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

async fn file(State(app): State<Arc<App>>, Path(token): Path<String>) -> Response {
    let now = app.core.now();
    let found = app
        .on_store(move |conn| super::store::file_by_token(conn, &token, now))
        .await;
    match found {
        Ok(Some((name, mime, bytes))) => {
            let disposition = format!(
                "inline; filename*=UTF-8''{}",
                url::form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
            );
            (
                [
                    (header::CONTENT_TYPE, mime),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                ],
                bytes,
            )
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            log::error!("cannot read a file link: {e}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::signature::*;

    #[test]
    fn a_signature_verifies_only_for_its_body_and_secret() {
        let body = br#"{"destination":"U1","events":[]}"#;
        let sig = sign(b"secret", body);
        assert!(verify(b"secret", body, &sig));
        assert!(!verify(b"other", body, &sig));
        assert!(!verify(b"secret", b"{}", &sig));
        assert!(!verify(b"secret", body, "not base64!"));
        assert!(!verify(b"secret", body, ""));
    }
}
