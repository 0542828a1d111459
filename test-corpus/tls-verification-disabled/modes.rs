// openssl's verify modes that verify nothing: `NONE`, the empty set of flags, and openssl 0.9's
// module constant.
use openssl::ssl::{SslContext, SslContextBuilder, SslVerifyMode, SSL_VERIFY_NONE, SSL_VERIFY_PEER};

fn old_constants(ctx: &mut SslContext) {
    ctx.set_verify(openssl::ssl::SSL_VERIFY_NONE); //~ tls-verification-disabled:high
    ctx.set_verify(SSL_VERIFY_NONE); //~ tls-verification-disabled:high
    ctx.set_verify(SSL_VERIFY_PEER);
}

fn empty(b: &mut SslContextBuilder) {
    b.set_verify(SslVerifyMode::empty()); //~ tls-verification-disabled:high
    b.set_verify(openssl::ssl::SslVerifyMode::empty()); //~ tls-verification-disabled:high
    let mode = SslVerifyMode::empty();
    b.set_verify(mode); //~ tls-verification-disabled:high
    b.set_verify(SslVerifyMode::NONE | SslVerifyMode::empty()); //~ tls-verification-disabled:high
}

// Quiet: a bit set on the empty mode verifies; an `empty()` of another type is no mode.
fn flags_added(b: &mut SslContextBuilder) {
    b.set_verify(SslVerifyMode::empty() | SslVerifyMode::PEER);
    b.set_verify(SslVerifyMode::NONE | SslVerifyMode::PEER);
    let mut mode = SslVerifyMode::empty();
    mode |= SslVerifyMode::PEER;
    b.set_verify(mode);
    b.set_verify(Options::empty());
}
