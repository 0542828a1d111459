//@ include-tests
// With --include-tests, test code is scanned too.

#[cfg(test)]
mod tests {
    #[test]
    fn in_test_code() {
        let n: Result<u32, Error> = "1".parse().map_err(|_| Error::Invalid); //~ map-err-discard:medium
        let m = match read() {
            Ok(v) => Ok(v),
            Err(_) => Err(Error::Io), //~ map-err-discard:medium
        };
    }
}
