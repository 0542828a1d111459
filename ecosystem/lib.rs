//! Empty: this package exists only so that Cargo.lock pins the crates the ecosystem check scans.
