// A handler passes a struct of options to a fn in another file. The summary says which field of
// the parameter reaches the sink; a struct literal, or a local filled field by field, hands over
// each field's own value, so input in one field does not taint a sink fed by another.
mod files;

use std::path::Path;

use axum::extract::Query;
use files::Opts;

#[derive(serde::Deserialize)]
struct Req {
    path: String,
}

// The request's path is the field the callee reads.
async fn literal_field_read(Query(q): Query<Req>) -> Vec<u8> {
    files::serve_raw(&Opts { //~ path-traversal:high
        uri_path: &q.path,
        index: "index.html",
        base: Path::new("/srv"),
    })
}

// The request's path rides along, but the callee reads only the configured `index`.
async fn literal_other_field(Query(q): Query<Req>) -> Vec<u8> {
    files::serve_index(&Opts {
        uri_path: &q.path,
        index: "index.html",
        base: Path::new("/srv"),
    })
}

// A local filled field by field: the same, each way.
async fn local_field_read(Query(q): Query<Req>) -> Vec<u8> {
    let opts = Opts {
        uri_path: &q.path,
        index: "index.html",
        base: Path::new("/srv"),
    };
    files::serve_raw(&opts) //~ path-traversal:high
}

async fn local_other_field(Query(q): Query<Req>) -> Vec<u8> {
    let opts = Opts {
        uri_path: &q.path,
        index: "index.html",
        base: Path::new("/srv"),
    };
    files::serve_index(&opts)
}

// Handed on whole inside the callee's file, then read by field there: the field still decides.
async fn literal_through_a_hop(Query(q): Query<Req>) -> Vec<u8> {
    files::serve_via(&Opts { //~ path-traversal:high
        uri_path: &q.path,
        index: "index.html",
        base: Path::new("/srv"),
    })
}

async fn literal_other_field_through_a_hop(Query(q): Query<Req>) -> Vec<u8> {
    files::serve_index_via(&Opts {
        uri_path: &q.path,
        index: "index.html",
        base: Path::new("/srv"),
    })
}

// Input in the field the callee reads, from a local of its own: fires like the literal.
async fn input_in_the_read_field(Query(q): Query<Req>) -> Vec<u8> {
    let index = q.path.clone();
    files::serve_index(&Opts { //~ path-traversal:high
        uri_path: "/",
        index: &index,
        base: Path::new("/srv"),
    })
}

fn main() {}
