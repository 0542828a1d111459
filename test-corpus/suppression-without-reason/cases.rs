//@ rules: allow-attribute
// ferret: expect(allow-attribute) //~ suppression-without-reason
#[allow(dead_code)]
fn no_reason() {}

// ferret: expect(allow-attribute) generated code keeps every variant
#[allow(dead_code)]
fn with_reason() {}

#[allow(unused)] // ferret: expect(allow-attribute): mirrors upstream API
fn trailing_with_reason() {}

#[allow(unused)] // ferret: expect(allow-attribute) //~ suppression-without-reason
fn trailing_no_reason() {}

// A comment that merely mentions ferret: expect(...) mid-sentence is not a suppression.
fn mention() {}
