macro_rules! retry {
    ($fut:expr) => {
        ::tokio::spawn($fut)
    };
}

async fn dial() {}

pub fn connect() {
    retry!(dial()); //~ detached-spawn
}
