//! parse_document on arbitrary bytes behind a JSON array opening, so the fuzzer starts inside that format's parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let mut doc = b"[".to_vec();
    doc.extend_from_slice(data);
    common::check("fuzz", &doc);
});
