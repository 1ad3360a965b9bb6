// Placeholder so the project configures while the inbound processor tests are written.
