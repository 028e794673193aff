/// The metrics registry lives here (see the operations work).
enum MetricsModule {}
