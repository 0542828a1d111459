// THIS IS GENERATED CODE
#[allow(non_camel_case_types)]
pub type P1 = u8;
