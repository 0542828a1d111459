//@ rules: allow-attribute
// ferret: expect(allow-attribute) nothing to silence on the next line //~ unused-suppression
fn clean() {}

// ferret: expect(allow-attribute) silences the attribute below
#[allow(dead_code)]
fn used() {}

// ferret: expect(no-such-rule) a typo in the rule id //~ unused-suppression
fn typo() {}

// Rules that did not run are not judged: this run has only allow-attribute.
// ferret: expect(map-err-discard) the cause is logged by the caller
fn other_rule() {}

// ferret: expect(allow-attribute) two lines down is too far //~ unused-suppression

#[allow(dead_code)] //~ allow-attribute
fn too_far() {}
