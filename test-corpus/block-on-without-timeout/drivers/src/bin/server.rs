fn main() {
    drivers::Server::new().run_standalone();
    drivers::refresh_cache();
}
