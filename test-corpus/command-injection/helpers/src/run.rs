// Process helpers the handlers in main.rs call (another file).
use std::process::Command;

pub fn convert(input: &str) {
    Command::new("convert").arg(input).arg("out.png").status();
}

pub fn quoted(input: &str) -> String {
    shlex::try_quote(input).unwrap().into_owned()
}

pub fn fixed_tool(_input: &str) {
    Command::new("convert").arg("in.png").arg("out.png").status();
}
