#[cfg(feature = "Window")]
#[allow(non_snake_case)]
mod gen_Window;
#[cfg(feature = "Window")]
#[allow(unused_imports)]
pub use gen_Window::*;
