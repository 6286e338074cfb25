//! Placeholder: this binding is built by its own issue.
