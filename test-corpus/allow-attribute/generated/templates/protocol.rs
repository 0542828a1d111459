{{#each classes as |class|}}
#[allow(dead_code)]
pub mod {{snake class.name}} {}
{{/each}}
