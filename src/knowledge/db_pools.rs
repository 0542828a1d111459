//! Database pools and connection configurations, and how a statement timeout is set on them, for
//! `no-statement-timeout`.

/// A constructor of a pool or connection configuration: the crate it comes from (first segment
/// of the resolved path), the type, and the associated functions that build one.
pub struct PoolConstructor {
    pub krate: &'static str,
    /// `""` for a free function (`tokio_postgres::connect`).
    pub ty: &'static str,
    pub functions: &'static [&'static str],
    /// The file must also name one of these (the manager type of a generic pool crate): bb8 and
    /// r2d2 pool Redis and other resources too. Empty: no condition.
    pub needs_any_of: &'static [&'static str],
    pub what: &'static str,
    /// It builds a pool (or a pool's manager), whose acquire timeout bounds the wait for a
    /// connection; `false` for a lone connection or its configuration, which has no pool at all.
    pub pool: bool,
}

const CONNECT: &[&str] = &[
    "connect",
    "connect_lazy",
    "connect_with",
    "connect_lazy_with",
];

pub const POOL_CONSTRUCTORS: &[PoolConstructor] = &[
    PoolConstructor {
        krate: "sqlx",
        ty: "PgPoolOptions",
        functions: &["new"],
        needs_any_of: &[],
        what: "sqlx `PgPoolOptions`",
        pool: true,
    },
    PoolConstructor {
        krate: "sqlx",
        ty: "MySqlPoolOptions",
        functions: &["new"],
        needs_any_of: &[],
        what: "sqlx `MySqlPoolOptions`",
        pool: true,
    },
    PoolConstructor {
        krate: "sqlx",
        ty: "PgPool",
        functions: CONNECT,
        needs_any_of: &[],
        what: "sqlx `PgPool`",
        pool: true,
    },
    PoolConstructor {
        krate: "sqlx",
        ty: "MySqlPool",
        functions: CONNECT,
        needs_any_of: &[],
        what: "sqlx `MySqlPool`",
        pool: true,
    },
    PoolConstructor {
        krate: "deadpool_postgres",
        ty: "Pool",
        functions: &["builder"],
        needs_any_of: &[],
        what: "deadpool-postgres `Pool`",
        pool: true,
    },
    PoolConstructor {
        krate: "deadpool_postgres",
        ty: "Manager",
        functions: &["new", "from_config"],
        needs_any_of: &[],
        what: "deadpool-postgres `Manager`",
        pool: true,
    },
    PoolConstructor {
        krate: "bb8",
        ty: "Pool",
        functions: &["builder"],
        needs_any_of: &["bb8_postgres", "PostgresConnectionManager"],
        what: "bb8 Postgres pool",
        pool: true,
    },
    PoolConstructor {
        krate: "diesel",
        ty: "Pool",
        functions: &["builder", "new"],
        needs_any_of: &["PgConnection", "MysqlConnection"],
        what: "diesel r2d2 pool",
        pool: true,
    },
    PoolConstructor {
        krate: "r2d2",
        ty: "Pool",
        functions: &["builder", "new"],
        needs_any_of: &[
            "PgConnection",
            "MysqlConnection",
            "PostgresConnectionManager",
        ],
        what: "r2d2 Postgres pool",
        pool: true,
    },
    PoolConstructor {
        krate: "tokio_postgres",
        ty: "Config",
        functions: &["new"],
        needs_any_of: &[],
        what: "`tokio_postgres::Config`",
        pool: false,
    },
    PoolConstructor {
        krate: "tokio_postgres",
        ty: "",
        functions: &["connect"],
        needs_any_of: &[],
        what: "`tokio_postgres::connect`",
        pool: false,
    },
];

/// Server settings that bound a statement's run time, as they appear in SQL (`SET ..`), in a
/// connection URL (`options=-c statement_timeout=5s`) or in connect options.
pub const TIMEOUT_SETTINGS: &[&str] = &["statement_timeout", "max_execution_time"];

/// Methods that run a query: a `tokio::time::timeout` around one bounds it from the client side.
pub const QUERY_METHODS: &[&str] = &[
    "execute",
    "fetch",
    "fetch_one",
    "fetch_all",
    "fetch_optional",
    "query",
    "query_one",
    "query_opt",
    "batch_execute",
    "simple_query",
];
