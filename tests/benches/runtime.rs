//! The generated client's cost per request beside a hand-written reqwest GET plus serde decode,
//! against a local server answering a small JSON body: one request at a time, and 16 in flight,
//! on a two-worker runtime. Both sides send the same request and decode the same body.
//!
//! Run with `cargo bench -p zoomgen-tests --bench runtime`. A batch is 64 requests. After
//! divan's table, the two sides' batches run alternated, and the ratio of their medians is the
//! generated client's throughput relative to raw reqwest.
//! `RUNTIME_BENCH_PROFILE` (see `main`) runs one side alone, for a profiler.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::OnceLock;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use zoom_generated::users::GetUserTokenType;
use zoom_generated::{Auth, Client};

const BODY: &str = r#"{"token":"6IjAwMDAwMSIsInptX3NrbSI6InptX28ybSIsInR5cCI6IkpXVCJ9"}"#;
const BATCH: usize = 64;
const IN_FLIGHT: usize = 16;

/// What a hand-written client decodes the answer into.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Token {
    token: String,
}

/// With `RUNTIME_BENCH_PROFILE=raw` or `=generated`, sends 2,000 requests one at a time from
/// that side only and exits: a run to profile (`valgrind --tool=callgrind`).
fn main() {
    match std::env::var("RUNTIME_BENCH_PROFILE").as_deref() {
        Ok("raw") => (0..2000 / BATCH).for_each(|_| batch(1, raw_one)),
        Ok("generated") => (0..2000 / BATCH).for_each(|_| batch(1, generated_one)),
        _ => {
            divan::main();
            println!("\npaired medians of {BATCH}-request batches, the two sides alternated:");
            for (mode, in_flight) in [("sequential", 1), ("16 in flight", IN_FLIGHT)] {
                let (raw, generated, ratio) = paired(in_flight, 300);
                println!("{mode:>14}: raw reqwest {raw:.2} ms, generated {generated:.2} ms, throughput {ratio:.3}x");
            }
        }
    }
}

/// The server: its own thread and runtime, so that it does not share the client's workers.
fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        listener.set_nonblocking(true).expect("non-blocking");
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                loop {
                    let Ok((stream, _)) = listener.accept().await else { continue };
                    tokio::spawn(async move {
                        let service = service_fn(|_request| async {
                            let response = hyper::Response::builder()
                                .header("content-type", "application/json")
                                .body(Full::new(Bytes::from_static(BODY.as_bytes())));
                            Ok::<_, Infallible>(response.expect("response"))
                        });
                        let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                    });
                }
            });
        });
        addr
    })
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
    })
}

/// The two sides, each a client built once.
struct Sides {
    raw: reqwest::Client,
    url: String,
    generated: Client,
}

fn sides() -> &'static Sides {
    static SIDES: OnceLock<Sides> = OnceLock::new();
    SIDES.get_or_init(|| {
        let base = format!("http://{}", server());
        // The same `User-Agent` as the generated client sends.
        let agent = concat!("zoom-generated/", env!("CARGO_PKG_VERSION"));
        let raw = Client::http_builder().expect("TLS").user_agent(agent).build().expect("reqwest client");
        let generated = Client::builder().base_url(&base).auth(Auth::bearer("secret-token")).build().expect("client");
        Sides { raw, url: format!("{base}/users/me/token?type=zak"), generated }
    })
}

async fn raw_one(sides: &Sides) {
    let response = sides.raw.get(&sides.url).bearer_auth("secret-token").send().await.expect("sent");
    let response = response.error_for_status().expect("2xx");
    let body = response.bytes().await.expect("body");
    let token: Token = serde_json::from_slice(&body).expect("decodes");
    divan::black_box(token);
}

async fn generated_one(sides: &Sides) {
    let token = sides.generated.users().get_user_token("me").type_(GetUserTokenType::Zak).send().await;
    divan::black_box(token.expect("decodes"));
}

/// `BATCH` requests, `in_flight` at a time, each lane a task of its own on the two-worker
/// runtime.
fn batch<F, Fut>(in_flight: usize, one: F)
where
    F: Fn(&'static Sides) -> Fut + Copy + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let sides = sides();
    runtime().block_on(async move {
        let lanes: Vec<_> = (0..in_flight)
            .map(|_| {
                tokio::spawn(async move {
                    for _ in 0..BATCH / in_flight {
                        one(sides).await;
                    }
                })
            })
            .collect();
        for lane in lanes {
            lane.await.expect("lane");
        }
    });
}

/// The two sides' batches alternated `rounds` times, so that both meet the same machine: the
/// median time of each and the generated client's throughput relative to raw reqwest.
fn paired(in_flight: usize, rounds: usize) -> (f64, f64, f64) {
    let time = |f: &dyn Fn()| {
        let start = std::time::Instant::now();
        f();
        start.elapsed().as_secs_f64() * 1000.0
    };
    let (mut raw, mut generated) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        raw.push(time(&|| batch(in_flight, raw_one)));
        generated.push(time(&|| batch(in_flight, generated_one)));
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (raw, generated) = (median(&mut raw), median(&mut generated));
    (raw, generated, raw / generated)
}

#[divan::bench(sample_count = 100)]
fn sequential_raw_reqwest() {
    batch(1, raw_one);
}

#[divan::bench(sample_count = 100)]
fn sequential_generated() {
    batch(1, generated_one);
}

#[divan::bench(sample_count = 100)]
fn in_flight_16_raw_reqwest() {
    batch(IN_FLIGHT, raw_one);
}

#[divan::bench(sample_count = 100)]
fn in_flight_16_generated() {
    batch(IN_FLIGHT, generated_one);
}
