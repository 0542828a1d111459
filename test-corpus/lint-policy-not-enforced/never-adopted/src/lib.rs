// The project never took up `#[expect(lint, reason = "..")]`: `allow-attribute` reports each
// `#[allow]`; a manifest finding would only say it again. (Compare `single-package`, whose code
// writes `#[expect(.., reason = ..)]`: there the policy is the project's own and not enforced.)
#[allow(clippy::too_many_arguments)]
pub fn f() {}

#[expect(dead_code)]
fn g() {}
