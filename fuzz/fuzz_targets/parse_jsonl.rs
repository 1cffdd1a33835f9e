//! parse_document on arbitrary bytes as the second line of JSON Lines, so the fuzzer starts inside that format's parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let mut doc = b"{\"body\": \"Port Velna dockers returned to work.\"}\n".to_vec();
    doc.extend_from_slice(data);
    common::check("fuzz", &doc);
});
