//! The `ferret` binary.

/// mimalloc instead of the system allocator: parsing allocates and frees small nodes by the
/// million from every worker thread, where glibc's malloc spends a third of the scan.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    ferret::allocator::configure();
    ferret::cli::main_with_args(std::env::args_os().collect(), false)
}
