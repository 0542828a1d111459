//! The `cargo-ferret` binary: cargo runs it as `cargo-ferret ferret ARGS...` for `cargo ferret`.

fn main() -> std::process::ExitCode {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "ferret") {
        args.remove(1);
    }
    ferret::cli::main_with_args(args, true)
}
