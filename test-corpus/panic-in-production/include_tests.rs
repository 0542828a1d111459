//@ include-tests
// With test code included, test code fires like any other.
#[cfg(test)]
mod tests {
    #[test]
    fn works() {
        let v: Option<u8> = Some(1);
        v.unwrap(); //~ panic-in-production
    }
}
