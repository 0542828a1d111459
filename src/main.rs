//! The `ferret` binary.

fn main() -> std::process::ExitCode {
    ferret::cli::main_with_args(std::env::args_os().collect(), false)
}
