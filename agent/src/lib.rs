//! lanner agent library (see ARCHITECTURE.md).
