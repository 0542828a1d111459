fn main() {
    resolved_callers::tasks::run_all();
}
