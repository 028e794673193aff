import Testing

@Test("the Notify test target builds")
func notifyTargetBuilds() {
  #expect(Bool(true))
}
