import RehabCore

/// A column's text read back into its value. Both stores refuse a damaged row (a date or a name
/// no record can hold) with the same words, naming the column as `table.column`.
public enum StoredColumn {
    /// `column` is worked out only for the message.
    public static func day(_ text: String, column: @autoclosure () -> String) throws -> Day {
        guard let day = Day(iso: text) else {
            throw StoreError.importFailed(StoragePhrase.notADate(column(), text))
        }
        return day
    }

    /// One of an enum's names: `activity` "run", `reason` "passed".
    public static func named<Value: RawRepresentable<String>>(
        _ text: String, column: @autoclosure () -> String
    ) throws -> Value {
        guard let value = Value(rawValue: text) else {
            throw StoreError.importFailed(StoragePhrase.unknownValue(column(), text))
        }
        return value
    }
}
