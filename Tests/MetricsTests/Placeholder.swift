import Testing

@Test("the Metrics test target builds")
func metricsTargetBuilds() {
  #expect(Bool(true))
}
