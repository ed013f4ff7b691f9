//! IAM Policy Playground: the browser app (filled in by the app issue).

fn main() {}
