//! parse_document on arbitrary bytes after a wire date line, so the fuzzer starts inside that format's parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let mut doc = b"date 2026-03-04\n".to_vec();
    doc.extend_from_slice(data);
    common::check("fuzz", &doc);
});
