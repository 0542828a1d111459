pub struct Link;

impl Link {
    fn reconnect(&self) {}

    pub fn start(self) {
        std::thread::spawn(move || loop {
            self.reconnect()
        });
    }
}
