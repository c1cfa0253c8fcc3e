//! The one integration test binary: every test sets up a working folder,
//! runs `kinerja` as a user would, and checks what the user would see.

mod common;
mod testsuite;
