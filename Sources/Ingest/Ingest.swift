// Ingest module
