//! Mounts the playground into the page.

fn main() {
    leptos::mount::mount_to_body(iam_playground::App);
}
