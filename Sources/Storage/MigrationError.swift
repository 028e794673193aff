/// Why a set of migrations was refused or could not be applied.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The ids given to `Migrator` are not strictly increasing: `next` follows `previous`.
  case idsNotIncreasing(previous: Int, next: Int)
  /// Migration `id` failed and was rolled back; later migrations were not attempted.
  case failed(id: Int, name: String, error: StorageError)

  /// What went wrong, with the SQLite error where there is one.
  public var description: String {
    switch self {
    case .idsNotIncreasing(let previous, let next):
      return "migration ids must be strictly increasing: \(next) follows \(previous)"
    case .failed(let id, let name, let error):
      return "migration \(id) (\(name)) failed and was rolled back: \(error)"
    }
  }
}
