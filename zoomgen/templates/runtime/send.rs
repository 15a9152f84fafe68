//! Sending: credentials, retries on `429`/`503`, one OAuth refresh or answered challenge on
//! `401`, tracing.

use std::time::{Duration, SystemTime};

use super::client::Inner;
use super::{AuthKind, Error, HeaderMap, Method, Operation, Response, Secret, StatusCode};

/// Sends `op` and decodes the response.
pub async fn send<O: Operation>(op: &O) -> Result<O::Output, Error<O::ErrorBody>> {
    send_with_response(op).await.map(Response::into_value)
}

/// Sends `op` and decodes the response, keeping status and headers.
pub async fn send_with_response<O: Operation>(op: &O) -> Result<Response<O::Output>, Error<O::ErrorBody>> {
    let call = op.call();
    #[cfg(feature = "tracing")]
    let span = tracing::info_span!(
        "request",
        method = %call.method,
        path = O::PATH,
        status = tracing::field::Empty,
        attempts = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    );
    #[cfg(feature = "tracing")]
    let started = std::time::Instant::now();
    let result = attempt_until_done::<O>(call).await;
    #[cfg(feature = "tracing")]
    {
        if let Some(status) =
            result.as_ref().ok().map(|(r, _)| r.status()).or_else(|| result.as_ref().err().and_then(|e| e.status()))
        {
            span.record("status", status.as_u16());
        }
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        if let Ok((_, attempts)) = &result {
            span.record("attempts", *attempts);
        }
    }
    result.map(|(response, _)| response)
}

/// Sends until the answer is final: retrying `429`/`503` as the policy allows and refreshing the
/// OAuth token once on `401`. Returns the decoded response and the number of attempts.
async fn attempt_until_done<O: Operation>(
    call: &super::Call,
) -> Result<(Response<O::Output>, u32), Error<O::ErrorBody>> {
    let client = &call.client;
    let inner: &Inner = &client.inner;
    let mut attempts = 0;
    let mut rejected: Option<Secret> = None;
    let mut challenges = 0;
    loop {
        attempts += 1;
        let token = match (&inner.oauth, call.auth) {
            (Some(cache), AuthKind::Bearer | AuthKind::BearerPrefix(_) | AuthKind::BearerQuery) => {
                let default_url = crate::OAUTH_TOKEN_URL;
                Some(cache.token(&inner.http, default_url, rejected.as_ref()).await?)
            }
            _ => None,
        };
        let request = client.assemble(call, token.as_ref()).map_err(Error::InvalidRequest)?;
        let request = match request.into_reqwest() {
            Ok(request) => request,
            Err(Ok(invalid)) => return Err(Error::InvalidRequest(invalid)),
            Err(Err(error)) => return Err(transport(error)),
        };
        let mut response = inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED && rejected.is_none() && token.is_some() {
            rejected = token;
            continue;
        }
        // A challenge is answered, twice at most (NTLM's handshake has two rounds).
        if let (StatusCode::UNAUTHORIZED, AuthKind::Signed(scheme, settings)) = (status, call.auth) {
            let settings = client.settings(settings).map_err(Error::InvalidRequest)?;
            if challenges < 2 && client.signer(scheme).is_ok_and(|s| s.0.challenge(response.headers(), &settings)) {
                challenges += 1;
                continue;
            }
        }
        if (status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE)
            && attempts <= inner.retry.max_retries
            && (idempotent(&call.method) || inner.retry.non_idempotent)
        {
            let delay = retry_after(response.headers())
                .unwrap_or_else(|| backoff(inner.retry.base_delay, attempts))
                .min(inner.retry.max_delay);
            tokio::time::sleep(delay).await;
            continue;
        }
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await.map_err(transport)?;
        let value = super::response::parse::<O>(status, &headers, &body)?;
        return Ok((Response::new(value, status, headers), attempts));
    }
}

/// Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2).
fn idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE | Method::TRACE)
}

/// `Retry-After` as a delay: delta seconds or an HTTP date.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or_default())
}

/// Exponential backoff with full jitter: a random delay up to `base * 2^(attempt - 1)`.
fn backoff(base: Duration, attempt: u32) -> Duration {
    use std::hash::{BuildHasher, Hasher};
    let ceiling = base.saturating_mul(1 << attempt.saturating_sub(1).min(16));
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(attempt);
    let fraction = (hasher.finish() % 1000) as u32;
    ceiling * fraction / 1000
}

/// Drops the URL from a transport error: it can hold an API key in its query.
fn transport<E>(error: reqwest::Error) -> Error<E> {
    Error::Transport(error.without_url())
}

/// Runs `future` to completion on the client's own runtime (the `blocking` feature).
///
/// # Panics
///
/// Inside an async runtime, like every blocking client: use `send` there.
#[cfg(feature = "blocking")]
pub fn block_on<T, E>(
    call: &super::Call,
    future: impl std::future::Future<Output = Result<T, Error<E>>>,
) -> Result<T, Error<E>> {
    let cell = &call.client.inner.runtime;
    if cell.get().is_none() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| Error::Config(format!("cannot start the blocking client's runtime: {e}")))?;
        let _ = cell.set(runtime);
    }
    match cell.get() {
        Some(runtime) => runtime.block_on(future),
        None => Err(Error::Config("the blocking client's runtime is not available".to_owned())),
    }
}
