// A builder whose parameter decides verification, named like every constructor (`new`): the
// calls that can name it (its type written in the call or in a `use` of the file) are judged.
mod other;
mod tls;

use crate::tls::Connector as Secure;

fn direct() -> tls::Connector {
    tls::Connector::new(true) //~ tls-verification-disabled:high
}

// The call does not write `Connector`; the file's `use` does.
fn aliased() -> Secure {
    Secure::new(true) //~ tls-verification-disabled:high
}

fn verified() -> Secure {
    Secure::new(false)
}

// Another type's `new`: its flag decides nothing about TLS.
fn unrelated() -> other::Pool {
    other::Pool::new(true)
}

fn main() {
    let _ = (direct(), aliased(), verified(), unrelated());
}
