//! Persistence for ledger entries.

use tokio::sync::mpsc;

pub struct Store {
    pool: sqlx::PgPool,
}

#[allow(dead_code)]
struct Row {
    id: i64,
}

impl Store {
    pub async fn by_owner(&self, owner: &str) -> Result<Vec<i64>, sqlx::Error> {
        let sql = format!("SELECT id FROM accounts WHERE owner = '{owner}'");
        sqlx::query_scalar(&sql).fetch_all(&self.pool).await
    }

    /// A channel name cannot be bound: it is an identifier (graded high by the draft).
    pub async fn notify(&self, channel: &str) -> Result<(), sqlx::Error> {
        let sql = format!("NOTIFY {channel}, 'changed'");
        sqlx::query(&sql).execute(&self.pool).await.map(drop)
    }

    /// A value of unknown origin outside quotes: the rule's medium stands.
    pub async fn page(&self, table: &str) -> Result<Vec<i64>, sqlx::Error> {
        let sql = format!("SELECT id FROM {table} LIMIT 10");
        sqlx::query_scalar(&sql).fetch_all(&self.pool).await
    }

    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        let row = sqlx::query!("SELECT count(*) AS n FROM accounts")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.n.unwrap_or_default())
    }

    pub fn events(&self, upstream: futures::channel::mpsc::UnboundedReceiver<i64>) -> mpsc::UnboundedReceiver<i64> {
        let (tx, rx) = mpsc::unbounded_channel();
        drop((tx, upstream));
        rx
    }

    pub fn decode(&self, raw: &[u8]) -> Result<String, String> {
        String::from_utf8(raw.to_vec()).map_err(|_| "bad utf-8".to_string())
    }
}

// ferret: expect(allow-attribute) generated bindings keep rustc's names for the wire format
#[allow(non_camel_case_types)]
pub struct wire_row {
    pub id: i64,
}

/// # Safety
/// `ptr` must point to a live, aligned `i64`.
pub unsafe fn read_raw(ptr: *const i64) -> i64 {
    unsafe { *ptr }
}

/// A C export that trusts its pointer: no null-check strength for this crate.
#[no_mangle]
pub extern "C" fn ledger_store_id(row: *const wire_row) -> i64 {
    let row = unsafe { &*row };
    row.id
}

/// 1024 bits is below the minimum: no key-size strength for this crate.
pub fn legacy_key(rng: &mut impl rand::CryptoRngCore) -> rsa::Result<rsa::RsaPrivateKey> {
    rsa::RsaPrivateKey::new(rng, 1024)
}
