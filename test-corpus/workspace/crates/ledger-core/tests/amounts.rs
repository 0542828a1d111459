use ledger_core::parse;

#[test]
fn parses() {
    assert_eq!(parse::amount("12").unwrap(), 12);
}
