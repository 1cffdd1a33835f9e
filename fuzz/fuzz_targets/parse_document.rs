//! parse_document on arbitrary bytes, bytes as they come (format detected).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::check("fuzz", data));
