//! Field tests with synthetic records: one group per family, and the
//! catalogue-wide checks (every field answered, names and types agree
//! with libsinsp's and the container plugin's lists).
