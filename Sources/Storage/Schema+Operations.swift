extension Schema {
  /// Operations (60–69): changes to how the schema performs, not to what it holds.
  static let operations: [Migration] = [
    Migration(
      id: 60, name: "check-constraints-as-comparisons", sql: "",
      transform: { connection throws(StorageError) in
        try CheckConstraintRewrite.apply(CheckConstraintRewrite.listed, in: connection)
      })
  ]
}
