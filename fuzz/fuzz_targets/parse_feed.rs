//! parse_document on arbitrary bytes inside an RSS channel, so the fuzzer starts inside that format's parser.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let mut doc =
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>HW</title><item>".to_vec();
    doc.extend_from_slice(data);
    common::check("fuzz", &doc);
});
