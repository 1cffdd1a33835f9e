//! Scoring `extract` against gold annotations (placeholder until written).
