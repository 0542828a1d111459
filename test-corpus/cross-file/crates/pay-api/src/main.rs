//! The HTTP service. Its handlers call into pay-domain, pay-store and pay-runtime.

mod db;
mod files;
mod jobs;
mod paths;
mod payments;
mod users;

use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;

#[derive(Clone)]
pub struct AppState {
    pub pool: sqlx::PgPool,
    pub rt: Arc<tokio::runtime::Runtime>,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let state = AppState {
        pool: sqlx::PgPool::connect_lazy("postgres://localhost/pay").expect("valid url"),
        rt: Arc::new(tokio::runtime::Runtime::new()?),
    };
    let workers = pay_runtime::supervisor::Workers::start();
    let events = pay_runtime::threads::start_event_thread(state.rt.clone());
    let audit = jobs::start_jobs();
    let app = Router::new()
        .route("/users", get(users::search))
        .route("/users/:id", get(users::show))
        .route("/signup", post(users::signup))
        .route("/transfers", post(payments::transfer))
        .route("/refunds", post(payments::refund))
        .route("/limits", get(payments::limits))
        .route("/rates", get(payments::rates))
        .route("/avatars/:user", get(files::avatar))
        .route("/avatars/:user/file", get(files::avatar_file))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    axum::serve(listener, app).await?;
    let _ = pay_runtime::shutdown::shutdown(workers).await;
    let _ = audit.await;
    let _ = events.join();
    Ok(())
}
