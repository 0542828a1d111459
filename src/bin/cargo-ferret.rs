//! The `cargo-ferret` binary: cargo runs it as `cargo-ferret ferret ARGS...` for `cargo ferret`.

/// The allocator `ferret` uses (see `src/main.rs`): `cargo ferret` is the same scan.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ferret::allocator::configure();
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "ferret") {
        args.remove(1);
    }
    ferret::cli::main_with_args(args, true)
}
