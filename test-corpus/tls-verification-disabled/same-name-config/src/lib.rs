mod client;
mod settings;
