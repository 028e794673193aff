import Testing

@Test("the Enrichment test target builds")
func enrichmentTargetBuilds() {
  #expect(Bool(true))
}
