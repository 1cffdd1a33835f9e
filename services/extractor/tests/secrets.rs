//! `dateline-extractor` never shows a secret: not in `--help` and not in its start-up logs.

#[path = "../../../tests/common/binary_secrets.rs"]
mod binary_secrets;
#[path = "../../../tests/common/child_log.rs"]
mod child_log;

const BIN: &str = env!("CARGO_BIN_EXE_dateline-extractor");

#[test]
fn help_hides_secret_environment_values() {
    binary_secrets::help_hides_secret_environment_values(BIN);
}

#[test]
fn start_up_logs_never_print_credentials() {
    binary_secrets::start_up_logs_never_print_credentials(BIN, &[]);
}
