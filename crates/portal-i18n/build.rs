// The catalogs are compiled into the binary (`static_loader!`): rebuild
// when one changes.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
