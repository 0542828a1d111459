//! The allocator's settings, shared by both binaries (each declares mimalloc as its
//! `#[global_allocator]`; the settings apply to whichever allocator that is).
//!
//! mimalloc keeps freed memory for a second before returning it to the OS. A scan frees parse
//! trees by the thousand every second, so that second of retained pages raised the peak resident
//! memory of a cold scan of the vendored corpus by about 15 MB (256 → 242 MB at 100 ms, for half
//! a second more system time; 0 ms saved 10 MB more for 1.5 s more). Once the scan got faster,
//! 100 ms retained more again: 20 ms took another 10 MB off (277 → 267 MB, two runs each) with
//! no measurable change in system time. Once the model's names were interned the peak fell to
//! about 200 MB, and at 20 ms the purges were 24,000 `madvise` calls and their refaults, 1.7–2.1 s
//! of system time: 250 ms makes it 1.1–1.3 s for 215–219 MB (three runs each, interleaved).
//! Transparent huge pages are off by the crate's `no_thp` feature: half-used 2 MB pages cost
//! another 35 MB.

/// `mi_option_purge_delay`: its place in mimalloc v3's `mi_option_t` (libmimalloc-sys does not
/// name it; the test below checks the place by the option's documented default of 1000 ms).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed memory stays mapped, in milliseconds.
const PURGE_DELAY_MS: std::ffi::c_long = 250;

/// Applies the settings; call first thing in `main`, before any thread starts.
pub fn configure() {
    // SAFETY: `mi_option_set` only stores the value in mimalloc's option table; it has no
    // pointer arguments and is safe to call at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) };
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_option_set_is_the_purge_delay() {
        // In a process that has not called `configure`, the option at that place holds the
        // purge delay's default (1000 ms, an option of its own: no other defaults to 1000).
        // SAFETY: reads mimalloc's option table.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
